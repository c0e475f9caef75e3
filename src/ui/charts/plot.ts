// The geometry of the step curves, drawn as plain SVG: linear scales, one path per series and the row
// nearest the pointer. Nothing here reads the DOM, so a redraw lays out nothing; recharts 3 read each
// line's length back from its path on every render (a forced layout), a third of the page's script time
// while training.

export interface Row {
  step: number;
  value: number;
}

export interface Scale {
  (v: number): number;
  invert(p: number): number;
}

/** Maps [d0, d1] onto [r0, r1] linearly; a domain of zero width maps to the range's middle. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => (k === 0 ? (r0 + r1) / 2 : r0 + (v - d0) * k)) as Scale;
  scale.invert = (p) => (k === 0 ? d0 : d0 + (p - r0) / k);
  return scale;
}

const px = (v: number) => Math.round(v * 10) / 10;

/** An SVG path through the rows in order; a value that is not finite (a diverged loss) breaks the line. */
export function linePath(rows: readonly Row[], x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  for (const r of rows) {
    if (!Number.isFinite(r.value)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${px(x(r.step))},${px(y(r.value))}`;
    pen = true;
  }
  return d;
}

/** The row whose step is nearest `step` (rows in step order), or undefined when there are none. */
export function nearestRow<T extends Row>(rows: readonly T[], step: number): T | undefined {
  if (rows.length === 0) return undefined;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].step < step) lo = mid + 1;
    else hi = mid;
  }
  const before = rows[lo - 1];
  return before && step - before.step <= rows[lo].step - step ? before : rows[lo];
}
