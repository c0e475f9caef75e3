// The fused conv + bias + ReLU + 2x2 max-pool kernel against the CPU reference (conv, then pool) on shapes
// that reach its 8- and 5-wide blocks, a partial channel group, a partial column quad, groups, and no bias.
import { describe, expect, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { expectClose } from '../../gpu/testing/close';
import { conv2dGeometry, type Conv2dParams } from './conv-geometry';
import { convPoolApplies, planConv2dPoolForward } from './conv-pool';
import { gpuRun } from './testing/conv-gpu';
import { conv2dForward } from '../reference/conv2d';
import { maxPool2dForward } from '../reference/pool';
import { randomFloat32 } from '../reference/testing/conv';

// float32 on both sides; sums of up to ~150 products of values in [-1, 1).
const TOL = { atol: 1e-4, rtol: 1e-4 };

interface Case {
  name: string;
  x: number[];
  w: number[];
  params: Conv2dParams;
  relu: boolean;
  bias: boolean;
}

const CASES: Case[] = [
  {
    name: 'LeNet conv1 (8-wide blocks)',
    x: [2, 1, 28, 28],
    w: [6, 1, 5, 5],
    params: { padding: 2 },
    relu: true,
    bias: true,
  },
  {
    name: 'LeNet conv2 (5-wide blocks)',
    x: [3, 6, 14, 14],
    w: [16, 6, 5, 5],
    params: {},
    relu: true,
    bias: true,
  },
  // 22 columns: the second column quad is partial; 9 channels leave a group of 1 past the first 8.
  {
    name: '9 channels, 8x22, no ReLU',
    x: [3, 2, 8, 22],
    w: [9, 2, 3, 3],
    params: { padding: 1 },
    relu: false,
    bias: true,
  },
  // 20 columns in 5-wide blocks: two pairs of blocks a row; stride 2 along y.
  {
    name: '5-wide, stride [2, 1], no bias',
    x: [1, 3, 9, 22],
    w: [5, 3, 3, 3],
    params: { stride: [2, 1] },
    relu: true,
    bias: false,
  },
  {
    name: 'groups 2, 3 channels a group',
    x: [2, 4, 7, 12],
    w: [6, 2, 2, 3],
    params: { groups: 2 },
    relu: true,
    bias: true,
  },
];

describe.each(CASES)('conv2d + max_pool2d fused agrees with the reference on $name', (c) => {
  it('pooled y and argmax', async () => {
    const g = conv2dGeometry(c.x, c.w, c.params);
    expect(convPoolApplies(g, true)).toBe(true);
    const yShape = [g.n, g.cout, g.oh, g.ow];
    const pooled = [g.n, g.cout, g.oh / 2, g.ow / 2];
    const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const xs = randomFloat32(count(c.x), 21);
    const ws = randomFloat32(count(c.w), 22);
    const bs = randomFloat32(g.cout, 23);
    const conv = new Float32Array(count(yShape));
    conv2dForward({
      x: { data: xs, shape: c.x },
      weight: { data: ws, shape: c.w },
      bias: c.bias ? { data: bs, shape: [g.cout] } : null,
      y: { data: conv, shape: yShape },
      params: c.params,
      relu: c.relu,
    });
    const want = { y: new Float32Array(count(pooled)), indices: new Uint32Array(count(pooled)) };
    maxPool2dForward({ x: conv, ...want, shape: yShape, params: { kernelSize: 2, stride: 2 } });

    const out = await gpuCheck(async (device) => {
      const r = gpuRun(device, c.name);
      const [x, weight, bias] = [r.put('x', c.x, xs), r.put('w', c.w, ws), r.put('b', [g.cout], bs)];
      const [y, indices] = [r.put('y', pooled), r.put('indices', pooled)];
      const op = planConv2dPoolForward(r.ctx, {
        x,
        weight,
        bias: c.bias ? bias : null,
        y,
        indices,
        params: c.params,
        relu: c.relu,
      });
      const read = await r.run([op], { y, indices });
      // The argmax is u32: the same bytes read through another view.
      return { y: read.y, indices: new Uint32Array(read.indices.buffer) };
    });
    expectClose(out.y, want.y, TOL);
    expect(Array.from(out.indices)).toEqual(Array.from(want.indices));
  });
});

it('refuses an odd conv output with a message naming it', async () => {
  await gpuCheck((device) => {
    const r = gpuRun(device, 'refuse');
    const [x, weight] = [r.put('x', [1, 1, 7, 8]), r.put('w', [2, 1, 3, 3])];
    const [y, indices] = [r.put('y', [1, 2, 2, 3]), r.put('indices', [1, 2, 2, 3])];
    expect(() => planConv2dPoolForward(r.ctx, { x, weight, bias: null, y, indices, relu: true })).toThrow(
      /even conv output \(got 5x6\)/,
    );
  });
});
