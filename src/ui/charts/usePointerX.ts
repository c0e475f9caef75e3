// Where the pointer is across a chart's plotting area, in pixels from the chart's left edge (null when it
// is outside), for reading the values at the nearest step.
import { useState, type PointerEvent } from 'react';
import type { PlotBox } from './Axes';

export function usePointerX(box: PlotBox) {
  const [px, setPx] = useState<number | null>(null);
  const onPointerMove = (e: PointerEvent<Element>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    setPx(x >= box.left && x <= box.right ? x : null);
  };
  const onPointerLeave = () => setPx(null);
  return { px, handlers: { onPointerMove, onPointerLeave } };
}

/** The readout's class: it sits in the top corner away from the pointer. */
export function readoutClass(px: number, box: PlotBox): string {
  return px > (box.left + box.right) / 2 ? 'chart-readout left' : 'chart-readout';
}
