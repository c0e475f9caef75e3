// Where the pointer is across a chart's plotting area, in the chart's drawing units from its left edge
// (null when it is outside), for reading the values at the nearest step.
import { useState, type PointerEvent } from 'react';
import type { PlotBox } from './Axes';

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

/** The readout's class: it sits in the top corner away from the pointer. */
export function readoutClass(px: number, box: PlotBox): string {
  return px > (box.left + box.right) / 2 ? 'chart-readout left' : 'chart-readout';
}
