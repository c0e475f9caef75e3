// A drawing fitted to the design's input, and inputs as pictures.
import { describe, expect, it } from 'vitest';
import { fitDrawing, imageShapeOf, padInput, rgbaOf } from './input-image';
import { toMnistImage } from './preprocess';

/** A side×side RGBA pad with a band drawn in `left` colour on its left half and `right` on its right. */
function pad(side: number, left: number[], right: number[]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(4 * side * side);
  for (let y = 20; y < 40; y++)
    for (let x = 10; x < 50; x++) rgba.set([...(x < 30 ? left : right), 255], 4 * (y * side + x));
  return rgba;
}

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

  it('sends a colour drawing to a colour input as three planes, each colour where it was drawn', () => {
    const rgba = pad(60, [255, 0, 0], [0, 0, 255]);
    const input = padInput(rgba, 60, [3, 28, 28]);
    expect(input.length).toBe(3 * 784);
    const [red, green, blue] = [0, 1, 2].map((c) => input.subarray(c * 784, (c + 1) * 784));
    expect(green.every((v) => v === 0)).toBe(true);
    const row = 14 * 28;
    expect([red[row + 6], blue[row + 6], red[row + 21], blue[row + 21]]).toEqual([1, 0, 0, 1]);
    // At 32×32 the colours keep their sides.
    const big = padInput(rgba, 60, [3, 32, 32]);
    expect(big.length).toBe(3 * 1024);
    const at = (c: number, x: number) => big[c * 1024 + 16 * 32 + x];
    expect([at(0, 8), at(2, 8), at(0, 24), at(2, 24)].map((v) => Math.round(v))).toEqual([1, 0, 0, 1]);
  });

  it('sends a grey input the ink of white strokes, as MNIST is made', () => {
    const rgba = pad(60, [255, 255, 255], [255, 255, 255]);
    const ink = Float32Array.from({ length: 3600 }, (_, i) => rgba[4 * i] / 255);
    expect(Array.from(padInput(rgba, 60, [1, 28, 28]))).toEqual(Array.from(toMnistImage(ink, 60, 60)));
  });
});
