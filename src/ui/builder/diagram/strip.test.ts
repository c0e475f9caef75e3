import { describe, expect, it } from 'vitest';
import { diverging, sequential } from '../../inspect/colour';
import { barStrip, mapStrip, softmax } from './strip';

const pixel = (p: { width: number; rgba: Uint8ClampedArray }, x: number, y: number) =>
  Array.from(p.rgba.subarray(4 * (y * p.width + x), 4 * (y * p.width + x) + 4));

describe('feature-map strips', () => {
  it('lays the maps side by side with a grey gap, on the sequential scale when nothing is negative', () => {
    // Two 2×3 maps: the first all 0, the second rising to the layer's maximum, 4.
    const data = Float32Array.from([0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 3, 4]);
    const p = mapStrip(data, [2, 2, 3]);
    expect([p.width, p.height]).toEqual([7, 2]);
    expect(pixel(p, 0, 0)).toEqual([...sequential(0), 255]);
    expect(pixel(p, 3, 1)).toEqual([128, 128, 128, 255]);
    expect(pixel(p, 6, 1)).toEqual([...sequential(1), 255]);
    expect(pixel(p, 6, 0)).toEqual([...sequential(0.5), 255]);
  });

  it('uses blue-white-red around zero when values are signed, scaled by the largest magnitude', () => {
    const p = mapStrip(Float32Array.from([-2, 0, 1, 2]), [1, 2, 2]);
    expect(pixel(p, 0, 0)).toEqual([...diverging(-1, 1), 255]);
    expect(pixel(p, 1, 0)).toEqual([...diverging(0, 1), 255]);
    expect(pixel(p, 1, 1)).toEqual([...diverging(1, 1), 255]);
  });

  it('paints a flat layer without dividing by zero', () => {
    const p = mapStrip(new Float32Array(4), [1, 2, 2]);
    expect(pixel(p, 1, 1)).toEqual([...sequential(0), 255]);
  });
});

describe('bars', () => {
  it('draws positive values up in red and negative ones down in blue, averaging runs', () => {
    const p = barStrip(Float32Array.from([1, 1, -0.5, -0.5]), 2, 4);
    expect(p.width).toBe(2);
    // Column 0: mean 1, the full upper half red; column 1: mean -0.5, one row below the middle blue.
    expect(pixel(p, 0, 0)).toEqual([178, 24, 43, 255]);
    expect(pixel(p, 0, 1)).toEqual([178, 24, 43, 255]);
    expect(pixel(p, 0, 2)).toEqual([0, 0, 0, 0]);
    expect(pixel(p, 1, 1)).toEqual([0, 0, 0, 0]);
    expect(pixel(p, 1, 2)).toEqual([33, 102, 172, 255]);
    expect(pixel(p, 1, 3)).toEqual([0, 0, 0, 0]);
  });
});

describe('softmax', () => {
  it('gives probabilities that sum to 1, even for huge scores', () => {
    const p = softmax([1000, 1000, 998]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[0]).toBeCloseTo(p[1], 12);
    expect(p[0] / p[2]).toBeCloseTo(Math.exp(2), 9);
  });
});
