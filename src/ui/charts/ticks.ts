// Axis ticks computed once per data change, at nice steps (1, 2, 2.5 or 5 times a power of ten), so the
// charts draw their labels where they are told and measure nothing.

/** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  const f = m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10;
  return f * power;
}

export interface AxisTicks {
  domain: [number, number];
  ticks: number[];
}

/**
 * Ticks for [lo, hi] at a nice step, about `count` of them. With `integer` the step is a whole number
 * (steps, epochs). The domain is widened to the outer ticks when `snap`, else kept as given.
 */
export function axisTicks(
  lo: number,
  hi: number,
  count = 5,
  { integer = false, snap = true } = {},
): AxisTicks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { domain: [0, 1], ticks: [0, 1] };
  if (hi <= lo) hi = lo + (integer ? 1 : Math.abs(lo) || 1);
  let step = niceStep((hi - lo) / Math.max(1, count - 1));
  if (integer) step = Math.max(1, Math.round(step));
  // Multiples of the step from the first at or below lo (snapped) or at or above it, to the last that covers hi.
  const from = snap ? Math.floor(lo / step + 1e-9) : Math.ceil(lo / step - 1e-9);
  const to = snap ? Math.ceil(hi / step - 1e-9) : Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = from; k <= to; k++) ticks.push(Number((k * step).toPrecision(12)));
  return { domain: snap ? [ticks[0], ticks[ticks.length - 1]] : [lo, hi], ticks };
}
