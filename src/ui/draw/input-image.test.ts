// A drawing fitted to the design's input, and inputs as pictures.
import { describe, expect, it } from 'vitest';
import { fitDrawing, imageShapeOf, rgbaOf } from './input-image';

describe('the input as an image', () => {
  it('fits the 28×28 grey drawing to a colour or larger input', () => {
    const drawing = new Float32Array(784).fill(0.25);
    expect(fitDrawing(drawing, [1, 28, 28])).toBe(drawing);
    const colour = fitDrawing(drawing, [3, 32, 32]);
    expect(colour.length).toBe(3072);
    expect(colour.every((v) => Math.abs(v - 0.25) < 1e-6)).toBe(true);
    // A stroke in the left half stays in the left half of each plane at 56×56.
    const left = Float32Array.from({ length: 784 }, (_, i) => (i % 28 < 14 ? 1 : 0));
    const big = fitDrawing(left, [1, 56, 56]);
    expect([big[0], big[27], big[28], big[55]]).toEqual([1, 1, 0, 0]);
  });

  it('reads image shapes from input shapes, and paints 0..1 values', () => {
    expect(imageShapeOf([3, 64, 64])).toEqual([3, 64, 64]);
    expect(imageShapeOf([100])).toEqual([1, 28, 28]);
    expect(Array.from(rgbaOf([0, 1, 0.5, 0.2, 1, 0], [3, 1, 2], 1))).toEqual([
      0, 128, 255, 255, 255, 51, 0, 255,
    ]);
  });
});
