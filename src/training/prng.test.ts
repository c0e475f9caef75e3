import { describe, expect, it } from 'vitest';
import { deriveSeed, permutation, Prng } from './prng';
import { EpochSchedule } from './schedule';

describe('Prng (mulberry32)', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 100 }, () => a.nextUint32());
    expect(Array.from({ length: 100 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('matches the reference C mulberry32 (uint32_t arithmetic) for seeds 0 and 42', () => {
    // Printed by Tommy Ettinger's C original compiled with gcc: the JS port must not drift from it.
    const first3 = (seed: number) => {
      const p = new Prng(seed);
      return [p.nextUint32(), p.nextUint32(), p.nextUint32()];
    };
    expect(first3(0)).toEqual([1144304738, 1416247, 958946056]);
    expect(first3(42)).toEqual([2581720956, 1925393290, 3661312704]);
  });

  it('draws uniform values in [0, 1) with the right mean', () => {
    const p = new Prng(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20000; i++) {
      const v = p.next();
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('draws unbiased integers below n, each value reachable', () => {
    const p = new Prng(9);
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[p.int(7)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(() => p.int(0)).toThrow(/1 <= n/);
  });

  it('refuses a seed that is not a finite number', () => {
    expect(() => new Prng(NaN)).toThrow(/finite/);
  });

  it('derives independent seeds per stream', () => {
    expect(deriveSeed(42, 0)).toBe(deriveSeed(42, 0));
    expect(deriveSeed(42, 0)).not.toBe(deriveSeed(42, 1));
    expect(deriveSeed(42, 0)).not.toBe(deriveSeed(43, 0));
  });
});

describe('permutation and epoch schedule', () => {
  it('gives a seeded permutation of 0..n-1', () => {
    const perm = permutation(307, new Prng(5));
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: 307 }, (_, i) => i));
    expect(Array.from(permutation(307, new Prng(5)))).toEqual(Array.from(perm));
    expect(Array.from(permutation(307, new Prng(6)))).not.toEqual(Array.from(perm));
    expect(permutation(1, new Prng(1))[0]).toBe(0);
  });

  it('walks whole batches, drops the remainder and reshuffles each epoch', () => {
    const s = new EpochSchedule(3, 10);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) starts.push(s.next(35)!);
    expect(starts).toEqual([0, 10, 20]);
    expect(s.epochEnded).toBe(true);
    expect(s.epoch).toBe(0);
    const first = s.order.slice();
    expect(s.next(35)).toBe(0);
    expect(s.epoch).toBe(1);
    expect(Array.from(s.order)).not.toEqual(Array.from(first));
    expect(s.progress).toBeCloseTo(1 / 3);
  });

  it('grows the epoch by the images that arrived since its order was drawn', () => {
    const s = new EpochSchedule(1, 4);
    expect(s.next(3)).toBeNull();
    expect(s.next(8)).toBe(0);
    const first = s.order;
    expect(first.length).toBe(8);
    s.next(100);
    expect(s.order.length).toBe(8);
    expect(s.next(100)).toBe(8);
    expect(s.epoch).toBe(0);
    expect(s.order.length).toBe(100);
    // The images already ordered keep their places; the new ones follow in a seeded order of their own.
    expect(Array.from(s.order.subarray(0, 8))).toEqual(Array.from(first));
    expect(Array.from(s.order.subarray(8)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 92 }, (_, i) => 8 + i),
    );
    expect(Array.from(s.order.subarray(8))).not.toEqual(Array.from({ length: 92 }, (_, i) => 8 + i));
  });

  it('takes every image of a streamed split once in its first epoch, and ends it only when all are in', () => {
    // 307 images arrive in uneven chunks while a batch of 10 trains; the remainders of drop_last in the
    // middle are taken once the next images are in.
    const s = new EpochSchedule(7, 10);
    const expected = 307;
    const taken: number[] = [];
    const take = (available: number) => {
      const start = s.next(available, expected);
      if (start === null) return false;
      taken.push(...s.order.subarray(start, start + 10));
      return true;
    };
    expect(take(9)).toBe(false);
    expect(take(25)).toBe(true);
    expect(take(25)).toBe(true);
    expect(s.epochEnded).toBe(false);
    // Every image in has been taken but for a remainder under a batch: it waits for more.
    expect(take(25)).toBe(false);
    expect(s.epoch).toBe(0);
    for (const available of [130, 131, 250, 307]) while (!s.epochEnded && take(available));
    expect(s.epoch).toBe(0);
    expect(s.epochEnded).toBe(true);
    expect(s.progress).toBe(1);
    expect(taken.length).toBe(300);
    expect(new Set(taken).size).toBe(300);
    // The next epoch is a fresh permutation of the whole split.
    expect(take(307)).toBe(true);
    expect(s.epoch).toBe(1);
    expect(s.order.length).toBe(307);
  });

  it('counts an epoch of a streaming split against the whole split', () => {
    const s = new EpochSchedule(2, 10);
    s.next(50, 200);
    expect(s.progress).toBeCloseTo(1 / 20);
  });

  it('repeats the same order for the same seed', () => {
    const a = new EpochSchedule(11, 8);
    const b = new EpochSchedule(11, 8);
    a.next(64);
    b.next(64);
    expect(Array.from(a.order)).toEqual(Array.from(b.order));
  });
});
