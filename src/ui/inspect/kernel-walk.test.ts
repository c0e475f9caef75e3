import { describe, expect, it } from 'vitest';
import { cellOfFrame, cellValue, correlate, EDGE_KERNEL, outputShape, tapsAt, walkSize } from './kernel-walk';

describe('kernel walk', () => {
  it('output size follows stride and padding', () => {
    expect(walkSize(28, 3, 1, 0)).toBe(26);
    expect(walkSize(28, 3, 1, 1)).toBe(28);
    expect(walkSize(28, 3, 2, 1)).toBe(14);
    expect(walkSize(28, 3, 3, 0)).toBe(9);
    expect(walkSize(2, 3, 1, 0)).toBe(0);
    expect(outputShape({ h: 7, w: 5, k: 3, stride: 2, padding: 0 })).toEqual({ h: 3, w: 2 });
  });

  it('a cell is the sum of its k×k multiply-adds, with padding read as zeros', () => {
    // 4×4 image with values 1..16.
    const image = Float32Array.from({ length: 16 }, (_, i) => i + 1);
    const g = { h: 4, w: 4, k: 3, stride: 1, padding: 1 };
    const corner = tapsAt(image, EDGE_KERNEL, g, 0, 0);
    expect(corner).toHaveLength(9);
    expect(corner.filter((t) => !t.inside)).toHaveLength(5);
    expect(corner.filter((t) => !t.inside).every((t) => t.value === 0)).toBe(true);
    // Inside taps: x(0,0)=1·0, x(0,1)=2·2, x(1,0)=5·0, x(1,1)=6·1 -> 10.
    expect(cellValue(corner)).toBe(10);
    const centre = tapsAt(image, EDGE_KERNEL, g, 1, 1);
    // Rows 0..2, columns 0..2 of 1..16: the Sobel x response of a ramp is 8 per unit step: 8.
    expect(cellValue(centre)).toBe(8);
  });

  it('correlate equals a direct nested sum on an odd shape with stride 2', () => {
    const h = 7;
    const w = 5;
    const image = Float32Array.from({ length: h * w }, (_, i) => Math.sin(i));
    const g = { h, w, k: 3, stride: 2, padding: 1 };
    const out = correlate(image, EDGE_KERNEL, g);
    const { h: oh, w: ow } = outputShape(g);
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        let s = 0;
        for (let m = 0; m < 3; m++)
          for (let n = 0; n < 3; n++) {
            const y = 2 * i + m - 1;
            const x = 2 * j + n - 1;
            if (y >= 0 && y < h && x >= 0 && x < w) s += image[y * w + x] * EDGE_KERNEL[m * 3 + n];
          }
        expect(out[i * ow + j]).toBeCloseTo(s, 5);
      }
  });

  it('frames step through the output cells in row-major order and wrap', () => {
    const g = { h: 5, w: 5, k: 3, stride: 1, padding: 0 };
    expect(cellOfFrame(0, g)).toEqual({ i: 0, j: 0 });
    expect(cellOfFrame(4, g)).toEqual({ i: 1, j: 1 });
    expect(cellOfFrame(9, g)).toEqual({ i: 0, j: 0 });
  });
});
