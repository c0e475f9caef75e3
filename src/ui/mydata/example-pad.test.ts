// The example pad's drawing as an example: grey from the ink as MNIST's digits are made, or in colour with
// each colour moved exactly as the ink is (red strokes left, blue right stay so).
import { describe, expect, it } from 'vitest';
import { toMnistImage } from '../draw/preprocess';
import { exampleOfPad } from './ExamplePad';

/** A side×side RGBA pad: the left half of a band red, the right half blue, the rest empty (transparent). */
function pad(side: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(4 * side * side);
  for (let y = 20; y < 40; y++)
    for (let x = 10; x < 50; x++) rgba.set(x < 30 ? [255, 0, 0, 255] : [0, 0, 255, 255], 4 * (y * side + x));
  return rgba;
}

describe('exampleOfPad', () => {
  it('makes the grey example from the ink, as the prediction pad does', () => {
    const rgba = pad(60);
    const ink = Float32Array.from({ length: 3600 }, (_, i) => rgba[4 * i + 3] / 255);
    const grey = exampleOfPad(rgba, 60, false);
    expect(Array.from(grey)).toEqual(Array.from(toMnistImage(ink, 60, 60), (v) => Math.round(v * 255)));
  });

  it('keeps the colours where the ink lands', () => {
    const rgba = pad(60);
    const colour = exampleOfPad(rgba, 60, true);
    expect(colour.length).toBe(3 * 784);
    const grey = exampleOfPad(rgba, 60, false);
    const [red, green, blue] = [0, 1, 2].map((c) => colour.subarray(c * 784, (c + 1) * 784));
    expect(green.every((v) => v === 0)).toBe(true);
    // Every inked pixel is red or blue (or a blend at the seam), and red and blue add up to the ink.
    for (let i = 0; i < 784; i++) expect(Math.abs(red[i] + blue[i] - grey[i])).toBeLessThanOrEqual(1);
    // Red on the left of the centred band, blue on the right.
    const row = 14 * 28;
    expect(red[row + 6]).toBe(255);
    expect(blue[row + 6]).toBe(0);
    expect(blue[row + 21]).toBe(255);
    expect(red[row + 21]).toBe(0);
  });
});
