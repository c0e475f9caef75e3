// An error is fixed where it shows: when the first layer in error changes (or the view is fitted again)
// and that layer lies outside the view, the diagram pans to centre it, zoom kept, so its one-click fix is
// on screen. A lesson's broken network in a narrow builder otherwise hides the fix below the fold.
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { DiagramNode } from './node-data';

export function useRevealError(
  nodes: DiagramNode[],
  size: { width: number; height: number },
  fitKey: string,
  ready: boolean,
): void {
  const { getInternalNode, getViewport, setViewport } = useReactFlow();
  const first = nodes.find((n) => n.type === 'layer' && n.data.error)?.id ?? null;
  const revealed = useRef('');
  useEffect(() => {
    const key = `${first}|${fitKey}`;
    if (!ready || !first || size.width === 0 || revealed.current === key) return;
    // After the fit of this frame has moved the view.
    const frame = requestAnimationFrame(() => {
      const node = getInternalNode(first);
      if (!node) return;
      revealed.current = key;
      const { x, y, zoom } = getViewport();
      const at = node.internals.positionAbsolute;
      const width = node.measured.width ?? 0;
      const height = node.measured.height ?? 0;
      const left = at.x * zoom + x;
      const top = at.y * zoom + y;
      const inside =
        left >= 0 && top >= 0 && left + width * zoom <= size.width && top + height * zoom <= size.height;
      if (inside) return;
      void setViewport(
        {
          x: size.width / 2 - (at.x + width / 2) * zoom,
          y: size.height / 2 - (at.y + height / 2) * zoom,
          zoom,
        },
        { duration: 200 },
      );
    });
    return () => cancelAnimationFrame(frame);
  }, [first, fitKey, ready, size, getInternalNode, getViewport, setViewport]);
}
