import { describe, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { expectClose } from '../../gpu/testing/close';
import { convTranspose2dGeometry, type ConvTranspose2dParams } from './conv-geometry';
import {
  planConvTranspose2dBackwardBias,
  planConvTranspose2dBackwardInput,
  planConvTranspose2dBackwardWeight,
  planConvTranspose2dForward,
} from './conv-transpose2d';
import { gpuRun } from './testing/conv-gpu';
import {
  convTranspose2dBackwardBias,
  convTranspose2dBackwardInput,
  convTranspose2dBackwardWeight,
  convTranspose2dForward,
} from '../reference/conv-transpose2d';
import { randomFloat32 } from '../reference/testing/conv';
import { convFixtures, fixtureParams } from '../reference/conv-fixtures';
import type { Tensor } from '../tensor';
import type { EngineContext } from '../op';

// float32 on both sides; sums of at most a few hundred products of values in [-1, 1).
const TOL = { atol: 1e-4, rtol: 1e-4 };

interface Case {
  name: string;
  x: number[];
  w: number[];
  params: ConvTranspose2dParams;
}

const CASES: Case[] = [
  {
    name: 'stride 2, padding 1, output_padding 1, 3->2',
    x: [2, 3, 5, 7],
    w: [3, 2, 3, 3],
    params: { stride: 2, padding: 1, outputPadding: 1 },
  },
  {
    name: 'batch 1, dilation 2, output_padding 1 < dilation',
    x: [1, 2, 7, 11],
    w: [2, 3, 3, 3],
    params: { dilation: 2, outputPadding: 1 },
  },
  {
    name: 'stride 3 > kernel 2, 13x13',
    x: [2, 3, 13, 13],
    w: [3, 4, 2, 2],
    params: { stride: 3, padding: 1 },
  },
  { name: 'maximum padding for a 3x3 kernel', x: [1, 2, 4, 5], w: [2, 3, 3, 3], params: { padding: 2 } },
  { name: '1x1 kernel, 3->5', x: [3, 3, 5, 9], w: [3, 5, 1, 1], params: {} },
  { name: '307 outputs (prime), 1 channel', x: [1, 1, 305, 1], w: [1, 1, 3, 1], params: {} },
  {
    name: 'rectangular stride [2,3], output_padding [1,2]',
    x: [2, 1, 6, 5],
    w: [1, 6, 3, 4],
    params: { stride: [2, 3], outputPadding: [1, 2], padding: [1, 0] },
  },
  {
    name: 'LeNet-like upsampling 16->6 k5 s2',
    x: [2, 16, 5, 5],
    w: [16, 6, 5, 5],
    params: { stride: 2, padding: 2, outputPadding: 1 },
  },
  {
    name: 'groups 2, stride 2, 6->4',
    x: [2, 6, 5, 7],
    w: [6, 2, 3, 3],
    params: { groups: 2, stride: 2, padding: 1, outputPadding: 1 },
  },
  { name: 'depthwise 5 channels, 3x3', x: [2, 5, 9, 13], w: [5, 1, 3, 3], params: { groups: 5, padding: 1 } },
];

interface Tensors {
  x: Tensor;
  weight: Tensor;
  bias: Tensor | null;
  dy: Tensor;
  y: Tensor;
  dx: Tensor;
  dweight: Tensor;
  dbias: Tensor;
}

function planAll(ctx: EngineContext, t: Tensors, params: ConvTranspose2dParams) {
  return [
    planConvTranspose2dForward(ctx, { x: t.x, weight: t.weight, bias: t.bias, y: t.y, params }),
    planConvTranspose2dBackwardInput(ctx, { dy: t.dy, weight: t.weight, dx: t.dx, params }),
    planConvTranspose2dBackwardWeight(ctx, { x: t.x, dy: t.dy, dweight: t.dweight, params }),
    planConvTranspose2dBackwardBias(ctx, { dy: t.dy, dbias: t.dbias }),
  ];
}

describe('conv_transpose2d on WebGPU matches the CPU reference (atol 1e-4, rtol 1e-4)', () => {
  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const g = convTranspose2dGeometry(c.x, c.w, c.params);
      const yShape = [g.n, g.cin, g.h, g.w];
      const cout = g.cin;
      const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
      const seed = 1000 + 10 * i;
      const xs = randomFloat32(count(c.x), seed);
      const ws = randomFloat32(count(c.w), seed + 1);
      const bs = randomFloat32(cout, seed + 2);
      const dys = randomFloat32(count(yShape), seed + 3);
      const out = await gpuCheck(async (device) => {
        const r = gpuRun(device, c.name);
        const t: Tensors = {
          x: r.put('x', c.x, xs),
          weight: r.put('w', c.w, ws),
          bias: r.put('b', [cout], bs),
          dy: r.put('dy', yShape, dys),
          y: r.put('y', yShape),
          dx: r.put('dx', c.x),
          dweight: r.put('dw', c.w),
          dbias: r.put('db', [cout]),
        };
        return r.run(planAll(r.ctx, t, c.params), { y: t.y, dx: t.dx, dweight: t.dweight, dbias: t.dbias });
      });
      const host = (data: Float32Array, shape: number[]) => ({ data, shape });
      const y = new Float32Array(count(yShape));
      const dx = new Float32Array(xs.length);
      const dw = new Float32Array(ws.length);
      const db = new Float32Array(cout);
      const params = c.params;
      convTranspose2dForward({
        x: host(xs, c.x),
        weight: host(ws, c.w),
        bias: host(bs, [cout]),
        y: host(y, yShape),
        params,
      });
      convTranspose2dBackwardInput({
        dy: host(dys, yShape),
        weight: host(ws, c.w),
        dx: host(dx, c.x),
        params,
      });
      convTranspose2dBackwardWeight({
        x: host(xs, c.x),
        dy: host(dys, yShape),
        dweight: host(dw, c.w),
        params,
      });
      convTranspose2dBackwardBias({ dy: host(dys, yShape), dbias: host(db, [cout]) });
      expectClose(out.y, y, TOL);
      expectClose(out.dx, dx, TOL);
      expectClose(out.dweight, dw, TOL);
      expectClose(out.dbias, db, TOL);
    });
  });
});

describe('conv_transpose2d on WebGPU matches PyTorch golden fixtures (atol 1e-5, rtol 1e-4)', () => {
  for (const f of convFixtures('conv_transpose2d')) {
    it(f.name, async () => {
      const params = fixtureParams(f);
      const cout = f.yShape[1];
      const out = await gpuCheck(async (device) => {
        const r = gpuRun(device, f.name);
        const t: Tensors = {
          x: r.put('x', f.xShape, f.x),
          weight: r.put('w', f.wShape, f.w),
          bias: f.b ? r.put('b', [cout], f.b) : null,
          dy: r.put('dy', f.yShape, f.dy),
          y: r.put('y', f.yShape),
          dx: r.put('dx', f.xShape),
          dweight: r.put('dw', f.wShape),
          dbias: r.put('db', [cout]),
        };
        return r.run(planAll(r.ctx, t, params), { y: t.y, dx: t.dx, dweight: t.dweight, dbias: t.dbias });
      });
      const tol = { atol: 1e-5, rtol: 1e-4 };
      expectClose(out.y, f.y, tol);
      expectClose(out.dx, f.dx, tol);
      expectClose(out.dweight, f.dw, tol);
      if (f.db) expectClose(out.dbias, f.db, tol);
    });
  }
});
