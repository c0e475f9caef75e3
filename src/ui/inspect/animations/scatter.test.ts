import { describe, expect, it } from 'vitest';
import { scatter, stampsOf, transposeChannels, transposeMap, type ScatterGeometry } from './scatter';

// The gather form of the same layer (the definition's formula): y(i, j) = b + Σ_c Σ_m Σ_n w(c, m, n) ·
// x(c, (i + p − d·m)/s, (j + p − d·n)/s), only where both indices are whole and inside the input.
function gather(
  input: Float32Array,
  channels: number[],
  weightAt: (c: number, m: number, n: number) => number,
  bias: number,
  g: ScatterGeometry,
): Float32Array {
  const out = new Float32Array(g.oh * g.ow).fill(bias);
  for (let i = 0; i < g.oh; i++)
    for (let j = 0; j < g.ow; j++)
      for (const c of channels)
        for (let m = 0; m < g.k; m++)
          for (let n = 0; n < g.k; n++) {
            const ty = i + g.padding - g.dilation * m;
            const tx = j + g.padding - g.dilation * n;
            if (ty % g.stride || tx % g.stride) continue;
            const y = ty / g.stride;
            const x = tx / g.stride;
            if (y < 0 || y >= g.h || x < 0 || x >= g.w) continue;
            out[i * g.ow + j] += weightAt(c, m, n) * input[(c * g.h + y) * g.w + x];
          }
  return out;
}

describe('transposed convolution as a scatter', () => {
  // ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, dilation=1) on 5×3.
  const [C, O, G, k] = [4, 6, 2, 3];
  const g: ScatterGeometry = { h: 5, w: 3, k, stride: 2, padding: 1, dilation: 1, oh: 10, ow: 6 };
  const input = Float32Array.from({ length: C * g.h * g.w }, (_, i) => Math.sin(i * 0.9));
  const weight = Float32Array.from({ length: C * (O / G) * k * k }, (_, i) => Math.cos(i * 0.4));
  const bias = Float32Array.from({ length: O }, (_, i) => i - 2);

  it('equals the gather form of the formula, per output map and group', () => {
    for (const o of [0, 2, 3, 5]) {
      const channels = transposeChannels(o, C, O, G);
      expect(channels).toEqual(o < 3 ? [0, 1] : [2, 3]);
      const at = (c: number, m: number, n: number) => weight[((c * (O / G) + (o % 3)) * k + m) * k + n];
      const expected = gather(input, channels, at, bias[o], g);
      const got = transposeMap(input, C, weight, bias, O, G, o, g);
      got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    }
  });

  it('stamps land s apart, clipped by padding, and the output builds up pixel by pixel', () => {
    expect(stampsOf(g, 0, 0).map((s) => [s.oy, s.ox])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    expect(stampsOf(g, 1, 1).map((s) => [s.oy, s.ox])[0]).toEqual([1, 1]);
    const plane = input.subarray(15, 30);
    const kernel = weight.subarray(0, 9);
    expect(Array.from(scatter(plane, kernel, g, -1))).toEqual(new Array(60).fill(0));
    const one = scatter(plane, kernel, g, 0);
    expect(one.filter((v) => v !== 0)).toHaveLength(4);
    expect(scatter(plane, kernel, g, 14)).toEqual(scatter(plane, kernel, g));
  });
});
