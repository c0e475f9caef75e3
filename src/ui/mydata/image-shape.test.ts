// Examples between shapes: planes resized by area, colour to grey by luminance, grey to colour repeated.
import { describe, expect, it } from 'vitest';
import { convertImage, convertValues, isImageShape } from './image-shape';

describe('image shapes', () => {
  it('resizes each plane by area and moves between grey and colour', () => {
    // A 4×4 grey image of four 2×2 blocks halves to their means.
    const blocks = Uint8Array.from([10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40]);
    expect(Array.from(convertImage(blocks, [1, 4, 4], [1, 2, 2]))).toEqual([10, 20, 30, 40]);
    expect(Array.from(convertImage(blocks, [1, 4, 4], [3, 2, 2]))).toEqual([
      10, 20, 30, 40, 10, 20, 30, 40, 10, 20, 30, 40,
    ]);
    // Red, green, blue planes of one pixel each: 0.299·100 + 0.587·50 + 0.114·200 = 82.05.
    expect(Array.from(convertValues([100, 50, 200], [3, 1, 1], [1, 1, 1]))[0]).toBeCloseTo(82.05, 3);
    // Upsizing a flat image keeps it flat; the same shape is the same bytes.
    expect(convertImage(new Uint8Array(4).fill(7), [1, 2, 2], [1, 3, 3]).every((v) => v === 7)).toBe(true);
    expect(convertImage(blocks, [1, 4, 4], [1, 4, 4])).toBe(blocks);
    expect(() => convertImage(blocks, [1, 3, 3], [1, 2, 2])).toThrow('1×3×3 has 9 values, not 16');
  });

  it('knows the shapes the panel makes', () => {
    expect(
      [
        [1, 28, 28],
        [3, 32, 32],
        [3, 64, 64],
        [1, 96, 96],
        [3, 96, 96],
      ].every(isImageShape),
    ).toBe(true);
    expect([[2, 28, 28], [1, 32, 28], [1, 30, 30], [3, 128, 128], [1, 28], 'x'].some(isImageShape)).toBe(
      false,
    );
  });
});
