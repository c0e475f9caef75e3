import { describe, expect, it } from 'vitest';
import {
  cellOfFrame,
  cellValue,
  convMap,
  correlate,
  EDGE_KERNEL,
  outputShape,
  poolValue,
  tapsAt,
  walk,
  walkSize,
} from './kernel-walk';

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

  it('sizes follow dilation and ceil mode as PyTorch computes them', () => {
    expect(walkSize(28, 3, 1, 0, 2)).toBe(24);
    expect(walkSize(28, 3, 2, 0, 1, false)).toBe(13);
    expect(walkSize(28, 3, 2, 0, 1, true)).toBe(14);
    // ceil mode drops a last window that would start in the right padding.
    expect(walkSize(4, 2, 3, 1, 1, true)).toBe(2);
    expect(walkSize(4, 2, 2, 1, 1, true)).toBe(3);
    const g = { h: 6, w: 6, k: 3, stride: 1, padding: 0, dilation: 2 };
    expect(tapsAt(new Float32Array(36), EDGE_KERNEL, g, 1, 0).map((t) => [t.y, t.x])).toEqual([
      [1, 0],
      [1, 2],
      [1, 4],
      [3, 0],
      [3, 2],
      [3, 4],
      [5, 0],
      [5, 2],
      [5, 4],
    ]);
  });

  it('max pooling ignores padding; average pooling divides by the padded or the inside count', () => {
    const minus = new Float32Array(16).fill(-1);
    const ones = new Float32Array(16).fill(1);
    const g = { h: 4, w: 4, k: 2, stride: 2, padding: 1 };
    const window = new Float32Array(4).fill(1);
    expect(poolValue(tapsAt(minus, window, g, 0, 0), 'max', g)).toBe(-1);
    // PyTorch: avg_pool2d(ones(4, 4), 2, 2, 1) has 0.25 in the corners, 0.5 on the edges.
    expect(walk(ones, window, g, (t) => poolValue(t, 'avg', g, true))).toEqual(
      Float32Array.from([0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25]),
    );
    expect(walk(ones, window, g, (t) => poolValue(t, 'avg', g, false))).toEqual(new Float32Array(9).fill(1));
    // ceil mode's last window runs past the padded image: those taps never count.
    const c = { h: 5, w: 5, k: 2, stride: 2, padding: 0, ceil: true };
    const five = new Float32Array(25).fill(1);
    expect(outputShape(c)).toEqual({ h: 3, w: 3 });
    expect(poolValue(tapsAt(five, window, c, 2, 2), 'avg', c, true)).toBe(1);
  });

  it('a grouped convolution map sums the channels of its group and adds the bias', () => {
    const [C, O, G, k, h, w] = [4, 6, 2, 3, 5, 7];
    const input = Float32Array.from({ length: C * h * w }, (_, i) => Math.sin(i * 0.7));
    const weight = Float32Array.from({ length: O * (C / G) * k * k }, (_, i) => Math.cos(i * 0.3));
    const bias = Float32Array.from({ length: O }, (_, i) => i / 10);
    const g = { h, w, k, stride: 2, padding: 1, dilation: 1 };
    const { h: oh, w: ow } = outputShape(g);
    for (const o of [0, 4]) {
      const map = convMap(input, C, weight, bias, O, G, o, g);
      const group = Math.floor(o / (O / G));
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let s = bias[o];
          for (let cl = 0; cl < C / G; cl++)
            for (let m = 0; m < k; m++)
              for (let n = 0; n < k; n++) {
                const y = 2 * i + m - 1;
                const x = 2 * j + n - 1;
                if (y < 0 || y >= h || x < 0 || x >= w) continue;
                const c = group * (C / G) + cl;
                s += input[(c * h + y) * w + x] * weight[((o * (C / G) + cl) * k + m) * k + n];
              }
          expect(map[i * ow + j]).toBeCloseTo(s, 5);
        }
    }
  });
});
