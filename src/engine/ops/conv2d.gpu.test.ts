import { describe, expect, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { expectClose } from '../../gpu/testing/close';
import { conv2dGeometry, type Conv2dParams } from './conv-geometry';
import { planConv2dBackwardInput, planConv2dBackwardWeight, planConv2dForward } from './conv2d';
import { gpuRun } from './testing/conv-gpu';
import {
  conv2dBackwardBias,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dForward,
} from '../reference/conv2d';
import { randomFloat32 } from '../reference/testing/conv';
import { convFixtures, fixtureParams } from '../reference/conv-fixtures';

// float32 on both sides; sums of up to ~1600 products of values in [-1, 1).
const TOL = { atol: 1e-4, rtol: 1e-4 };

interface Case {
  name: string;
  x: number[];
  w: number[];
  params: Conv2dParams;
  relu?: boolean;
}

const CASES: Case[] = [
  { name: 'LeNet conv1 1->6 k5 p2 on 28x28', x: [2, 1, 28, 28], w: [6, 1, 5, 5], params: { padding: 2 } },
  { name: 'LeNet conv2 6->16 k5 on 14x14', x: [2, 6, 14, 14], w: [16, 6, 5, 5], params: {}, relu: true },
  {
    name: 'batch 1, 7x11, 3->5, stride 2',
    x: [1, 3, 7, 11],
    w: [5, 3, 3, 3],
    params: { stride: 2, padding: 1 },
  },
  {
    name: 'stride 3 > kernel 2, 13x13',
    x: [2, 3, 13, 13],
    w: [4, 3, 2, 2],
    params: { stride: 3, padding: 1 },
  },
  { name: 'padding larger than the kernel', x: [1, 2, 5, 6], w: [3, 2, 3, 3], params: { padding: 4 } },
  { name: '1x1 kernel, 3->7', x: [3, 3, 5, 9], w: [7, 3, 1, 1], params: {} },
  { name: '307 outputs (prime), 1 channel', x: [1, 1, 309, 3], w: [1, 1, 3, 3], params: {} },
  {
    name: 'dilation [2,1], rectangular',
    x: [2, 2, 11, 8],
    w: [3, 2, 3, 2],
    params: { dilation: [2, 1], stride: [1, 2], padding: [2, 1] },
  },
  {
    name: '1x9 kernel: two 8-wide kx blocks',
    x: [2, 2, 5, 12],
    w: [3, 2, 1, 9],
    params: { padding: [0, 4] },
  },
  { name: 'channels 32->64 3x3 p1', x: [1, 32, 6, 5], w: [64, 32, 3, 3], params: { padding: 1 }, relu: true },
  {
    name: 'groups 4, 8->16 3x3',
    x: [2, 8, 9, 10],
    w: [16, 2, 3, 3],
    params: { groups: 4, padding: 1 },
    relu: true,
  },
  {
    name: 'groups 2, 10 channels a group, stride 2',
    x: [2, 20, 7, 9],
    w: [20, 10, 3, 3],
    params: { groups: 2, stride: 2, padding: 1 },
  },
  {
    name: 'depthwise 3x3, 16 channels, stride 2',
    x: [2, 16, 9, 11],
    w: [16, 1, 3, 3],
    params: { groups: 16, stride: 2, padding: 1 },
  },
  {
    name: 'depthwise 3x3 on 307 columns',
    x: [1, 3, 4, 307],
    w: [3, 1, 3, 3],
    params: { groups: 3, padding: 1 },
  },
  {
    name: 'depthwise x3 channel multiplier, 5x5',
    x: [2, 2, 8, 8],
    w: [6, 1, 5, 5],
    params: { groups: 2, padding: 2 },
  },
];

async function runCase(c: Case, seed: number) {
  const g = conv2dGeometry(c.x, c.w, c.params);
  const yShape = [g.n, g.cout, g.oh, g.ow];
  const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const xs = randomFloat32(count(c.x), seed);
  const ws = randomFloat32(count(c.w), seed + 1);
  const bs = randomFloat32(g.cout, seed + 2);
  const dys = randomFloat32(count(yShape), seed + 3);
  const gpu = await gpuCheck(async (device) => {
    const r = gpuRun(device, c.name);
    const [x, weight, bias, dy] = [
      r.put('x', c.x, xs),
      r.put('w', c.w, ws),
      r.put('b', [g.cout], bs),
      r.put('dy', yShape, dys),
    ];
    const [y, dx, dweight, dbias] = [
      r.put('y', yShape),
      r.put('dx', c.x),
      r.put('dw', c.w),
      r.put('db', [g.cout]),
    ];
    const ops = [
      planConv2dForward(r.ctx, { x, weight, bias, y, params: c.params, relu: c.relu }),
      planConv2dBackwardInput(r.ctx, { dy, weight, dx, params: c.params }),
      planConv2dBackwardWeight(r.ctx, { x, dy, dweight, dbias, params: c.params }),
    ];
    return r.run(ops, { y, dx, dweight, dbias });
  });
  const host = (data: Float32Array, shape: number[]) => ({ data, shape });
  const want = {
    y: new Float32Array(count(yShape)),
    dx: new Float32Array(xs.length),
    dw: new Float32Array(ws.length),
    db: new Float32Array(g.cout),
  };
  conv2dForward({
    x: host(xs, c.x),
    weight: host(ws, c.w),
    bias: host(bs, [g.cout]),
    y: host(want.y, yShape),
    params: c.params,
    relu: c.relu,
  });
  conv2dBackwardInput({
    dy: host(dys, yShape),
    weight: host(ws, c.w),
    dx: host(want.dx, c.x),
    params: c.params,
  });
  conv2dBackwardWeight({
    x: host(xs, c.x),
    dy: host(dys, yShape),
    dweight: host(want.dw, c.w),
    params: c.params,
  });
  conv2dBackwardBias({ dy: host(dys, yShape), dbias: host(want.db, [g.cout]) });
  return { gpu, want };
}

describe('conv2d on WebGPU matches the CPU reference (atol 1e-4, rtol 1e-4)', () => {
  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const { gpu, want } = await runCase(c, 100 * i);
      expectClose(gpu.y, want.y, TOL);
      expectClose(gpu.dx, want.dx, TOL);
      expectClose(gpu.dweight, want.dw, TOL);
      expectClose(gpu.dbias, want.db, TOL);
    });
  });

  it('gives bit-identical weight and bias gradients on every run (deterministic split-K)', async () => {
    const a = await runCase(CASES[0], 7);
    const b = await runCase(CASES[0], 7);
    expect(Array.from(a.gpu.dweight)).toEqual(Array.from(b.gpu.dweight));
    expect(Array.from(a.gpu.dbias)).toEqual(Array.from(b.gpu.dbias));
  });
});

describe('conv2d on WebGPU matches PyTorch golden fixtures (atol 1e-5, rtol 1e-4)', () => {
  for (const f of convFixtures('conv2d')) {
    it(f.name, async () => {
      const params = fixtureParams(f);
      const cout = f.wShape[0];
      const out = await gpuCheck(async (device) => {
        const r = gpuRun(device, f.name);
        const [x, weight, dy] = [
          r.put('x', f.xShape, f.x),
          r.put('w', f.wShape, f.w),
          r.put('dy', f.yShape, f.dy),
        ];
        const bias = f.b ? r.put('b', [cout], f.b) : null;
        const [y, dx, dweight, dbias] = [
          r.put('y', f.yShape),
          r.put('dx', f.xShape),
          r.put('dw', f.wShape),
          r.put('db', [cout]),
        ];
        const ops = [
          planConv2dForward(r.ctx, { x, weight, bias, y, params }),
          planConv2dBackwardInput(r.ctx, { dy, weight, dx, params }),
          planConv2dBackwardWeight(r.ctx, { x, dy, dweight, dbias, params }),
        ];
        return r.run(ops, { y, dx, dweight, dbias });
      });
      const tol = { atol: 1e-5, rtol: 1e-4 };
      expectClose(out.y, f.y, tol);
      expectClose(out.dx, f.dx, tol);
      expectClose(out.dweight, f.dw, tol);
      if (f.db) expectClose(out.dbias, f.db, tol);
    });
  }
});
