// The fixed test sample that training evaluates every few seconds, and the clock that says when: at least
// `everyMs` of training since the last evaluation, and long enough that the evaluations cost at most
// `budget` of the training time (on a slow device the gap grows rather than training slowing down).

/** `size` test records spread evenly over the split (not the first ones: MNIST's first half is easier). */
export function sampleIndices(capacity: number, size: number): Uint32Array {
  const n = Math.min(size, capacity);
  return Uint32Array.from({ length: n }, (_, i) => Math.floor((i * capacity) / n));
}

export class SampleClock {
  /** Training time since the last evaluation, in ms. */
  private trainedMs = 0;
  /** What the last evaluation took, in ms. */
  private costMs = 0;

  constructor(
    private readonly everyMs: number,
    private readonly budget: number,
  ) {}

  /** Adds `ms` of training; true when an evaluation is due. */
  tick(ms: number): boolean {
    this.trainedMs += ms;
    return this.trainedMs >= Math.max(this.everyMs, this.costMs / this.budget);
  }

  /** An evaluation just took `costMs`: the next waits for training time in proportion. */
  evaluated(costMs: number): void {
    this.costMs = costMs;
    this.trainedMs = 0;
  }
}
