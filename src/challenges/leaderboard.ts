// The teacher's ranking: results that reproduce first, by test accuracy (re-evaluated where it has been),
// then fewer parameters, then less training time; flagged results go last with their reasons.
import type { ResultMetrics } from './result';

/** A re-evaluated accuracy may differ from the claimed one by this much (a few images, float rounding). */
export const ACCURACY_TOLERANCE = 0.002;

export interface Entry {
  key: string;
  learner: string;
  metrics: ResultMetrics;
  /** The accuracy measured in this browser, once re-evaluated. */
  reevaluated: number | null;
  flags: string[];
}

/** The flags a re-evaluation adds: a claimed accuracy it does not reproduce, or a goal it does not meet. */
export function reevaluationFlags(claimed: number, measured: number, goal: number): string[] {
  const out: string[] = [];
  if (Math.abs(measured - claimed) > ACCURACY_TOLERANCE)
    out.push(
      `does not reproduce: ${(measured * 100).toFixed(2)}% measured, ${(claimed * 100).toFixed(2)}% claimed`,
    );
  if (measured < goal) out.push(`below the goal when re-evaluated (${(measured * 100).toFixed(2)}%)`);
  return out;
}

export function rank(entries: readonly Entry[]): Entry[] {
  const accuracy = (e: Entry) => e.reevaluated ?? e.metrics.testAccuracy;
  return [...entries].sort(
    (a, b) =>
      Number(a.flags.length > 0) - Number(b.flags.length > 0) ||
      accuracy(b) - accuracy(a) ||
      a.metrics.params - b.metrics.params ||
      a.metrics.trainSeconds - b.metrics.trainSeconds,
  );
}
