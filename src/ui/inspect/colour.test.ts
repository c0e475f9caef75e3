import { describe, expect, it } from 'vitest';
import { diverging, maxAbs, paint, range, sequential } from './colour';

describe('colour scales', () => {
  it('diverging maps -scale, 0 and +scale to blue, white and red, and clamps', () => {
    expect(diverging(-2, 2)).toEqual([33, 102, 172]);
    expect(diverging(0, 2)).toEqual([247, 247, 247]);
    expect(diverging(2, 2)).toEqual([178, 24, 43]);
    expect(diverging(10, 2)).toEqual(diverging(2, 2));
    expect(diverging(-10, 2)).toEqual(diverging(-2, 2));
    expect(diverging(1, 0)).toEqual([247, 247, 247]);
  });

  it('diverging is monotone in red and blue away from zero, symmetric in lightness', () => {
    const pos = [0, 0.25, 0.5, 0.75, 1].map((v) => diverging(v, 1));
    for (let i = 1; i < pos.length; i++) expect(pos[i][1]).toBeLessThan(pos[i - 1][1]);
    const neg = [0, -0.25, -0.5, -0.75, -1].map((v) => diverging(v, 1));
    for (let i = 1; i < neg.length; i++) expect(neg[i][0]).toBeLessThan(neg[i - 1][0]);
  });

  it('sequential runs from black to pale yellow and clamps out-of-range and NaN', () => {
    expect(sequential(0)).toEqual([0, 0, 4]);
    expect(sequential(1)).toEqual([252, 255, 164]);
    expect(sequential(2)).toEqual(sequential(1));
    expect(sequential(Number.NaN)).toEqual(sequential(0));
    const lum = (c: number[]) => c[0] + c[1] + c[2];
    for (let t = 0.1; t <= 1; t += 0.1) expect(lum(sequential(t))).toBeGreaterThan(lum(sequential(t - 0.1)));
  });

  it('one scale per layer: the same weight value gets the same colour in every kernel', () => {
    const layer = Float32Array.from([0.5, -1, 0.25, 2]);
    const scale = maxAbs(layer);
    expect(scale).toBe(2);
    expect(diverging(layer[0], scale)).toEqual(diverging(0.5, 2));
    expect(range(layer)).toEqual({ min: -1, max: 2 });
    expect(range([])).toEqual({ min: 0, max: 0 });
  });

  it('paint writes opaque RGBA pixels', () => {
    const out = paint([0, 1], (v) => diverging(v, 1), new Uint8ClampedArray(8));
    expect([...out]).toEqual([247, 247, 247, 255, 178, 24, 43, 255]);
  });
});
