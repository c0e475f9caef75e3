// Chart series kept bounded for long runs: exponential smoothing and decimation of old points.

export interface LossPoint {
  step: number;
  loss: number;
  /** Debiased exponential moving average of the loss up to this point. */
  smoothed: number;
}

export interface EpochPoint {
  epoch: number;
  /** Mean train accuracy over the epoch's reports, weighted by steps, 0..1. */
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

export const SMOOTHING = 0.9;
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

/** Folds one report's train accuracy into its epoch's running mean, weighted by steps. */
export function addTrainAccuracy(
  epochs: readonly EpochPoint[],
  weights: readonly number[],
  epoch: number,
  accuracy: number,
  steps: number,
): { epochs: EpochPoint[]; weights: number[] } {
  const outE = [...epochs];
  const outW = [...weights];
  let i = outE.findIndex((e) => e.epoch === epoch);
  if (i < 0) {
    outE.push({ epoch, trainAccuracy: null, testAccuracy: null });
    outW.push(0);
    i = outE.length - 1;
  }
  const w = outW[i];
  const prev = outE[i].trainAccuracy ?? 0;
  outE[i] = { ...outE[i], trainAccuracy: (prev * w + accuracy * steps) / (w + steps) };
  outW[i] = w + steps;
  return { epochs: outE, weights: outW };
}

export function setTestAccuracy(
  epochs: readonly EpochPoint[],
  epoch: number,
  accuracy: number,
): EpochPoint[] {
  const i = epochs.findIndex((e) => e.epoch === epoch);
  if (i < 0)
    return [...epochs, { epoch, trainAccuracy: null, testAccuracy: accuracy }].sort(
      (a, b) => a.epoch - b.epoch,
    );
  return epochs.map((e, j) => (j === i ? { ...e, testAccuracy: accuracy } : e));
}
