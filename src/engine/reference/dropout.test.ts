import { describe, expect, it } from 'vitest';
import { loadFixture } from '../fixtures/load';
import { dropoutBackward, dropoutForward, dropoutHash, dropoutRule } from './dropout';
import type { DropoutCase } from './norm-fixture';
import { seededValues } from './gradcheck';

const N = 10_000;
const x = Float32Array.from(seededValues(N, 42, 0.5, 2));

function forward(p: number, seed: number, step: number, training = true): Float32Array {
  const y = new Float32Array(N);
  dropoutForward({ x, y, params: { p, seed, training }, step });
  return y;
}

describe('dropout reference', () => {
  for (const p of [0.1, 0.3, 0.5, 0.8]) {
    it(`drops close to p = ${p} of 10k elements and scales the rest by 1 / (1 - p)`, () => {
      const y = forward(p, 7, 3);
      let dropped = 0;
      for (let i = 0; i < N; i++) {
        if (y[i] === 0) dropped++;
        else expect(y[i]).toBe(Math.fround(x[i] * Math.fround(1 / (1 - p))));
      }
      // Binomial standard deviation is at most 50 on 10k draws: 4 sigma is 0.02.
      expect(Math.abs(dropped / N - p)).toBeLessThan(0.02);
    });
  }

  it('reproduces the mask from (seed, step) and changes it with either', () => {
    const a = forward(0.5, 1, 10);
    expect(forward(0.5, 1, 10)).toEqual(a);
    const differs = (b: Float32Array) => b.filter((v, i) => (v === 0) !== (a[i] === 0)).length;
    // Independent masks disagree on about half the elements.
    expect(differs(forward(0.5, 1, 11))).toBeGreaterThan(N * 0.45);
    expect(differs(forward(0.5, 2, 10))).toBeGreaterThan(N * 0.45);
  });

  it('backward uses the forward mask and scale', () => {
    const params = { p: 0.4, seed: 9, training: true };
    const y = new Float32Array(N);
    dropoutForward({ x, y, params, step: 5 });
    const dx = new Float32Array(N);
    dropoutBackward({ dy: x, dx, params, step: 5 });
    expect(dx).toEqual(y);
  });

  it('is the identity in eval and at p = 0, and zeros at p = 1', () => {
    expect(forward(0.5, 1, 1, false)).toEqual(x);
    expect(forward(0, 1, 1)).toEqual(x);
    expect(forward(1, 1, 1).every((v) => v === 0)).toBe(true);
  });

  it('hashes distinct counters to distinct words, and one flipped seed bit flips about half the bits', () => {
    const bits = Array.from({ length: 4096 }, (_, i) => dropoutHash(i, 0, 0));
    expect(new Set(bits).size).toBe(4096);
    expect(bits.every((b) => Number.isInteger(b) && b >= 0 && b <= 0xffffffff)).toBe(true);
    let flipped = 0;
    for (let i = 0; i < 1024; i++) {
      let d = dropoutHash(i, 5, 1000) ^ dropoutHash(i, 5, 1000 ^ (1 << (i % 32)));
      for (; d !== 0; d &= d - 1) flipped++;
    }
    expect(flipped / 1024).toBeGreaterThan(14);
    expect(flipped / 1024).toBeLessThan(18);
  });

  it('rejects p outside [0, 1], non-u32 seeds and steps', () => {
    expect(() => dropoutRule({ p: 1.5, seed: 0, training: true })).toThrow(/p must be in \[0, 1\], got 1.5/);
    expect(() => dropoutRule({ p: 0.5, seed: -1, training: true })).toThrow(/seed/);
    expect(() => forward(0.5, 1, 1.5)).toThrow(/step must be an integer/);
  });
});

describe('dropout scaling semantics against PyTorch', () => {
  for (const c of loadFixture('norm').dropout as unknown as DropoutCase[]) {
    it(`p = ${c.p}, training ${c.training}`, () => {
      const xs = Float32Array.from(c.x);
      const ours = new Float32Array(xs.length);
      dropoutForward({ x: xs, y: ours, params: { p: c.p, seed: 3, training: c.training }, step: 0 });
      // The masks differ by design: every value PyTorch keeps is x / (1 - p) (to the fixture's 8 digits),
      // and every value we keep is the float32 product x * (1 / (1 - p)).
      const { scale } = dropoutRule({ p: c.p, seed: 3, training: c.training });
      for (let i = 0; i < xs.length; i++) {
        if (c.y[i] !== 0)
          expect(Math.abs(c.y[i] - xs[i] * scale)).toBeLessThanOrEqual(1e-7 * Math.abs(c.y[i]));
        if (ours[i] !== 0) expect(ours[i]).toBe(Math.fround(xs[i] * scale));
      }
      if (!c.training || c.p === 0) expect(Array.from(ours)).toEqual(c.y.map(Math.fround));
      if (c.training && c.p === 1) expect(c.y.every((v) => v === 0) && ours.every((v) => v === 0)).toBe(true);
    });
  }
});
