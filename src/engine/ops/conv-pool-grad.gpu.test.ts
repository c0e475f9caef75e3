// The pooled weight/bias-gradient kernel of conv -> ReLU -> 2x2/2 max-pool against the unfused CPU reference
// (pool backward with the ReLU mask, then the conv's weight and bias gradients) on LeNet's two convs and on
// odd shapes: odd channel counts, batch 3, padding 2 and 0, odd conv outputs (the pool drops a row and a
// column), kw <= 4 (one accumulator vector), kw 8, kh 7 (two ky blocks), stride and dilation, no bias;
// and against PyTorch's gradients of the whole chain (scripts/fixtures/ops_conv_pool.py).
import { describe, expect, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { expectClose } from '../../gpu/testing/close';
import { conv2dGeometry, type Conv2dParams } from './conv-geometry';
import { planConv2dPoolWeightGrad } from './conv-pool-grad';
import { gpuRun } from './testing/conv-gpu';
import { loadFixture } from '../fixtures/load';
import { conv2dForward, correlateWeightGrad } from '../reference/conv2d';
import { maxPool2dBackward, maxPool2dForward } from '../reference/pool';
import { randomFloat32 } from '../reference/testing/conv';

// float32 sums of up to ~1,000 products of values in [-1, 1), in another order than the reference's.
const TOL = { atol: 2e-4, rtol: 2e-4 };

interface Case {
  name: string;
  x: number[];
  w: number[];
  params: Conv2dParams;
  bias: boolean;
}

const CASES: Case[] = [
  { name: 'LeNet conv1', x: [2, 1, 28, 28], w: [6, 1, 5, 5], params: { padding: 2 }, bias: true },
  { name: 'LeNet conv2', x: [3, 6, 14, 14], w: [16, 6, 5, 5], params: {}, bias: true },
  {
    name: '3 -> 5, 11x13, padding 2',
    x: [3, 3, 11, 13],
    w: [5, 3, 5, 5],
    params: { padding: 2 },
    bias: true,
  },
  {
    name: '5 -> 7, 3x4 kernel, padding 0, no bias',
    x: [3, 5, 9, 12],
    w: [7, 5, 3, 4],
    params: {},
    bias: false,
  },
  // kh 7 in two ky blocks (4 + 3), stride 2 down, dilation 2 across.
  {
    name: '3 -> 4, 7x3 kernel, stride [2, 1], dilation [1, 2]',
    x: [2, 3, 19, 17],
    w: [4, 3, 7, 3],
    params: { stride: [2, 1], dilation: [1, 2], padding: [3, 1] },
    bias: true,
  },
  {
    name: '2 -> 3, 2x8 kernel (both column blocks full)',
    x: [1, 2, 9, 12],
    w: [3, 2, 2, 8],
    params: {},
    bias: true,
  },
];

const count = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe.each(CASES)('pooled conv weight gradient agrees with the unfused reference on $name', (c) => {
  it('dweight and dbias', async () => {
    const g = conv2dGeometry(c.x, c.w, c.params);
    const convShape = [g.n, g.cout, g.oh, g.ow];
    const pooled = [g.n, g.cout, Math.floor(g.oh / 2), Math.floor(g.ow / 2)];
    const xs = randomFloat32(count(c.x), 31);
    const conv = new Float32Array(count(convShape));
    conv2dForward({
      x: { data: xs, shape: c.x },
      weight: { data: randomFloat32(count(c.w), 32), shape: c.w },
      bias: { data: randomFloat32(g.cout, 33), shape: [g.cout] },
      y: { data: conv, shape: convShape },
      params: c.params,
      relu: true,
    });
    const y = new Float32Array(count(pooled));
    const indices = new Uint32Array(y.length);
    const pool = { shape: convShape, params: { kernelSize: 2, stride: 2 } };
    maxPool2dForward({ x: conv, y, indices, ...pool });
    const dy = randomFloat32(y.length, 34);
    // The unfused path: the ReLU's backward passes where the pooled max is > 0, then the pool's, then dW, db.
    const masked = dy.map((v, i) => (y[i] > 0 ? v : 0));
    const dconv = new Float32Array(conv.length);
    maxPool2dBackward({ dy: masked, indices, dx: dconv, ...pool });
    const want = { dw: new Float32Array(count(c.w)), db: new Float32Array(g.cout) };
    correlateWeightGrad(g, xs, dconv, want.dw);
    for (let i = 0; i < dconv.length; i++) want.db[Math.floor(i / (g.oh * g.ow)) % g.cout] += dconv[i];
    expect(masked.some((v) => v === 0) && masked.some((v) => v !== 0)).toBe(true);

    const out = await gpuCheck(async (device) => {
      const r = gpuRun(device, c.name);
      const t = {
        x: r.put('x', c.x, xs),
        dy: r.put('dy', pooled, dy),
        y: r.put('y', pooled, y),
        // The argmax is u32: its bytes uploaded through a float view.
        indices: r.put('indices', pooled, new Float32Array(indices.buffer)),
        dweight: r.put('dw', c.w),
        dbias: c.bias ? r.put('db', [g.cout]) : null,
        params: c.params,
      };
      const read = { dw: t.dweight, ...(t.dbias ? { db: t.dbias } : {}) };
      return r.run([planConv2dPoolWeightGrad(r.ctx, t)], read);
    });
    expectClose(out.dw, want.dw, TOL);
    if (c.bias) expectClose(out.db, want.db, TOL);
  });
});

it('refuses a grouped conv with a message naming it', async () => {
  await gpuCheck((device) => {
    const r = gpuRun(device, 'refuse');
    const t = {
      x: r.put('x', [1, 4, 8, 8]),
      dy: r.put('dy', [1, 4, 3, 3]),
      y: r.put('y', [1, 4, 3, 3]),
      indices: r.put('indices', [1, 4, 3, 3]),
      dweight: r.put('dw', [4, 2, 3, 3]),
      dbias: null,
      params: { groups: 2 },
    };
    expect(() => planConv2dPoolWeightGrad(r.ctx, t)).toThrow(/one group .*got groups 2, kw 3/);
  });
});

interface FixtureCase {
  x_shape: number[];
  w_shape: number[];
  padding: number;
  y_shape: number[];
  x: number[];
  y: number[];
  indices: number[];
  dy: number[];
  dw: number[];
  db: number[];
}

describe('pooled conv weight gradient against PyTorch (conv2d -> relu -> max_pool2d(2, 2), backward)', () => {
  const cases = loadFixture('conv_pool').conv_relu_pool as unknown as FixtureCase[];
  it.each(cases.map((c, i) => [i, c] as const))('case %i', async (_, c) => {
    const out = await gpuCheck(async (device) => {
      const r = gpuRun(device, 'fixture');
      const t = {
        x: r.put('x', c.x_shape, c.x),
        dy: r.put('dy', c.y_shape, c.dy),
        y: r.put('y', c.y_shape, c.y),
        indices: r.put('indices', c.y_shape, new Float32Array(Uint32Array.from(c.indices).buffer)),
        dweight: r.put('dw', c.w_shape),
        dbias: r.put('db', [c.w_shape[0]]),
        params: { padding: c.padding },
      };
      return r.run([planConv2dPoolWeightGrad(r.ctx, t)], { dw: t.dweight, db: t.dbias });
    });
    // PyTorch sums in float32 in its own order; the fixture keeps 8 significant digits.
    expectClose(out.dw, Float32Array.from(c.dw), { atol: 1e-4, rtol: 1e-4 });
    expectClose(out.db, Float32Array.from(c.db), { atol: 1e-4, rtol: 1e-4 });
  });
});
