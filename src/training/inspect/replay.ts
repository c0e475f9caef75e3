// The bounded history of weight snapshots that the replay slider scrubs. It lives in the worker, next to
// the weights: a snapshot is a device-to-host copy there, and the page only receives the frame it shows.
// Policy: every step of the first EARLY_STEPS, then steps spaced by a growing factor, and every epoch's
// end; when the count or byte bound is exceeded, the most redundant entry in log-time is dropped.
import type { ReplayBounds, ReplayEntry } from './types';

export const REPLAY_BOUNDS: ReplayBounds = { maxCount: 64, maxBytes: 32 * 1024 * 1024 };
export const EARLY_STEPS = 20;
/** After the early steps, the next snapshot is taken once the step count grows by this factor. */
export const SPACING = 1.5;

export interface ReplaySnapshot<T> extends ReplayEntry {
  state: T;
}

export class ReplayHistory<T> {
  private items: ReplaySnapshot<T>[] = [];
  private nextSpaced = EARLY_STEPS + 1;

  constructor(readonly bounds: ReplayBounds = REPLAY_BOUNDS) {}

  get entries(): ReplayEntry[] {
    return this.items.map(({ step, epoch, epochEnd, bytes }) => ({ step, epoch, epochEnd, bytes }));
  }

  get length(): number {
    return this.items.length;
  }

  get bytes(): number {
    return this.items.reduce((sum, e) => sum + e.bytes, 0);
  }

  at(index: number): ReplaySnapshot<T> {
    const item = this.items[index];
    if (!item) throw new Error(`replay index ${index} is outside the history of ${this.items.length}`);
    return item;
  }

  /** Whether a snapshot after `step` belongs in the history; advances the spaced schedule when it does. */
  wants(step: number, epochEnd: boolean): boolean {
    if (step <= EARLY_STEPS || epochEnd) return true;
    if (step < this.nextSpaced) return false;
    this.nextSpaced = Math.ceil(step * SPACING);
    return true;
  }

  /** Whether one snapshot of `bytes` fits the bounds at all (a model over maxBytes is never recorded). */
  fits(bytes: number): boolean {
    return bytes <= this.bounds.maxBytes && this.bounds.maxCount > 0;
  }

  /** Inserts in step order (a later copy of the same step replaces it), then thins to the bounds. */
  add(entry: ReplaySnapshot<T>): void {
    if (!this.fits(entry.bytes)) return;
    const at = this.items.findIndex((e) => e.step >= entry.step);
    if (at < 0) this.items.push(entry);
    else if (this.items[at].step === entry.step) this.items[at] = entry;
    else this.items.splice(at, 0, entry);
    while (this.items.length > this.bounds.maxCount || this.bytes > this.bounds.maxBytes) this.thin();
  }

  clear(): void {
    this.items = [];
    this.nextSpaced = EARLY_STEPS + 1;
  }

  /** Drops the inner entry whose neighbours are closest in log(1 + step); epoch ends go last. */
  private thin(): void {
    const n = this.items.length;
    if (n <= 2) {
      this.items.shift();
      return;
    }
    const t = (i: number) => Math.log1p(this.items[i].step);
    let best = -1;
    let bestKey = Infinity;
    for (let i = 1; i < n - 1; i++) {
      // Epoch ends cost more to drop than any spacing can make up for.
      const key = t(i + 1) - t(i - 1) + (this.items[i].epochEnd ? 1e6 : 0);
      if (key < bestKey) {
        bestKey = key;
        best = i;
      }
    }
    this.items.splice(best, 1);
  }
}
