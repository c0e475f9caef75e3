// The scenes' randomness: mulberry32 (as training/prng.ts; data/ imports nothing from the project) drawn
// with integer maths only, so train.py's Python port draws exactly the same numbers.

/** 32-bit state, the same steps as training/prng.ts's Prng. */
export class SceneRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n): floor(u32 · n / 2^32), exact in float64 for n < 2^21 (Python: (u32 * n) >> 32). */
  int(n: number): number {
    return Math.floor((this.nextUint32() * n) / 4294967296);
  }
}

/** The seed of scene `index` of a split (0 train, 1 test): an avalanche hash, so neighbours are unrelated. */
export function sceneSeed(seed: number, split: number, index: number): number {
  let h = (seed ^ Math.imul(split + 1, 0x9e3779b1)) >>> 0;
  h = (h ^ Math.imul(index, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
