// Chart series kept bounded for long runs: exponential smoothing and decimation of old points.

/** One metrics report on the train curves. */
export interface TrainPoint {
  step: number;
  loss: number;
  /** Debiased exponential moving average of the loss up to this point. */
  smoothed: number;
  /** Train accuracy over the report's steps, 0..1, and its moving average. */
  accuracy: number;
  smoothedAccuracy: number;
}

/** One test on the test curves: the fixed sample while training, or the whole test set (`full`). */
export interface TestPoint {
  step: number;
  loss: number;
  accuracy: number;
  /** Test images it covered. */
  images: number;
  full: boolean;
}

// Reports come every few dozen steps, so a light smoothing already steadies the curve.
export const SMOOTHING = 0.6;
export const MAX_LOSS_POINTS = 400;

/** EMA state: the raw average and how many points went in (for the bias correction, as in Adam). */
export interface Ema {
  value: number;
  count: number;
}

export function updateEma(ema: Ema, x: number, beta = SMOOTHING): Ema {
  return { value: beta * ema.value + (1 - beta) * x, count: ema.count + 1 };
}

export const debiased = (ema: Ema, beta = SMOOTHING) => ema.value / (1 - beta ** ema.count);

/**
 * Appends a point; past the limit, the older half is thinned to every second point, so recent steps stay
 * dense while the whole run stays visible in a bounded number of points.
 */
export function appendDecimated<T>(points: readonly T[], point: T, max = MAX_LOSS_POINTS): T[] {
  const next = [...points, point];
  if (next.length <= max) return next;
  const half = Math.floor(next.length / 2);
  return [...next.slice(0, half).filter((_, i) => i % 2 === 0), ...next.slice(half)];
}
