// Kernels over a colour input as colours: each plane's weight is its colour, 0 at mid-grey, ±scale at the
// ends (clamped beyond), gaps grey.
import { describe, expect, it } from 'vitest';
import { kernelColour } from './FilterGrid';

describe('kernelColour', () => {
  it('paints each kernel pixel from its red, green and blue weights', () => {
    // Two 2×2 kernels over red, green and blue: weight [2, 3, 2, 2].
    const weights = Float32Array.from([
      ...[2, -2, 0, 1, 0, 0, 0, 0, -2, -2, 2, 2],
      ...[1, 1, 1, 4, -1, -1, -1, -1, 0, 0, 0, 0],
    ]);
    const colour = kernelColour(weights, 2, 2);
    expect(colour(0)).toEqual([255, 128, 0]);
    expect(colour(1)).toEqual([0, 128, 0]);
    expect(colour(3)).toEqual([191, 128, 255]);
    // Kernel 1's first pixel; its last has red 4, past the scale: clamped to 255.
    expect(colour(4)).toEqual([191, 64, 128]);
    expect(colour(7)).toEqual([255, 64, 128]);
    expect(colour(Number.NaN)).toEqual([160, 160, 160]);
  });
});
