// Where the pointer is across a chart's plotting area, in the chart's drawing units from its left edge
// (null when it is outside), for reading the values at the nearest step.
import { useState, type PointerEvent } from 'react';
import type { PlotBox } from './Axes';
import type { ChartSize } from './useChartSize';

/** `zoom`: pixels per drawing unit (useChartSize). */
export function usePointerX(box: PlotBox, zoom = 1) {
  const [px, setPx] = useState<number | null>(null);
  const onPointerMove = (e: PointerEvent<Element>) => {
    const x = (e.clientX - e.currentTarget.getBoundingClientRect().left) / zoom;
    setPx(x >= box.left && x <= box.right ? x : null);
  };
  const onPointerLeave = () => setPx(null);
  return { px, handlers: { onPointerMove, onPointerLeave } };
}

/** Where the readout sits: in the plot's top corner away from the pointer, inside the axes at any zoom. */
export function readoutPlace(px: number, box: PlotBox, size: ChartSize) {
  const style =
    px > (box.left + box.right) / 2
      ? { left: box.left * size.zoom + 4 }
      : { right: (size.width - box.right) * size.zoom + 2 };
  return { className: 'chart-readout', style };
}
