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

/** The current epoch's train accuracy so far: a running mean weighted by steps. */
export interface RunningAccuracy {
  epoch: number;
  accuracy: number;
  steps: number;
}

export function foldAccuracy(
  running: RunningAccuracy | null,
  epoch: number,
  accuracy: number,
  steps: number,
): RunningAccuracy {
  if (!running || running.epoch !== epoch) return { epoch, accuracy, steps };
  const total = running.steps + steps;
  return { epoch, accuracy: (running.accuracy * running.steps + accuracy * steps) / total, steps: total };
}

/** Sets fields of one epoch's point, adding the point (in epoch order) if it is new. */
export function upsertEpoch(
  points: readonly EpochPoint[],
  epoch: number,
  patch: Partial<Omit<EpochPoint, 'epoch'>>,
): EpochPoint[] {
  const i = points.findIndex((p) => p.epoch === epoch);
  if (i >= 0) return points.map((p, j) => (j === i ? { ...p, ...patch } : p));
  const point = { epoch, trainAccuracy: null, testAccuracy: null, ...patch };
  return [...points, point].sort((a, b) => a.epoch - b.epoch);
}
