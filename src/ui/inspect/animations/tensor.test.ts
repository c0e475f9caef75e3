import { describe, expect, it } from 'vitest';
import { agrees, fmt, histogram, planeCount, planeOf, statsOf, sumText, vectorGrid } from './tensor';

describe('tensors as the animations draw them', () => {
  it('an image is planes; a vector is one plane in rows of ⌈√n⌉ with NaN past its end', () => {
    const image = { shape: [2, 2, 3], data: Float32Array.from({ length: 12 }, (_, i) => i) };
    expect(planeCount(image.shape)).toBe(2);
    expect(Array.from(planeOf(image, 1).values)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(vectorGrid(10)).toEqual({ h: 3, w: 4 });
    expect(vectorGrid(784)).toEqual({ h: 28, w: 28 });
    const flat = planeOf({ shape: [10], data: Float32Array.from({ length: 10 }, (_, i) => i) });
    expect(flat.h * flat.w).toBe(12);
    expect(flat.values[9]).toBe(9);
    expect(Number.isNaN(flat.values[10])).toBe(true);
  });

  it('agreement is relative to the largest value; stats and histograms skip NaN', () => {
    expect(agrees([1, 2000], [1, 2000.1]).ok).toBe(true);
    expect(agrees([1, 2], [1, 2.01]).ok).toBe(false);
    expect(agrees([1], [1, 2]).ok).toBe(false);
    const s = statsOf([1, 3, NaN]);
    expect(s).toEqual({ mean: 2, std: 1, min: 1, max: 3 });
    expect(histogram([0, 0.1, 0.6, 1, 5, NaN], 0, 1, 2)).toEqual([2, 3]);
    expect(fmt(0.12345)).toBe('0.123');
    expect(fmt(-2e-5)).toBe('-2.00e-5');
    expect(sumText([0.5, -0.25, 1])).toBe('0.500 − 0.250 + 1.000');
    expect(sumText(['-0.5·x', '0.1'])).toBe('−0.5·x + 0.1');
  });
});
