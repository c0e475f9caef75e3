// Every conv kernel variant against the CPU reference on shapes chosen to reach it: the direct and quad
// kernels' blocks, GEMM tiles, and the depthwise kernels on depthwise and dense convs.
import { describe, expect, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { expectClose } from '../../gpu/testing/close';
import { conv2dGeometry, type Conv2dParams, type ConvGeometry } from './conv-geometry';
import { planCorrelate, planCorrelateTransposed, type ConvKernel } from './conv-passes';
import { planWeightGrad, type WeightGradKernel } from './conv-grad-passes';
import { gpuRun } from './testing/conv-gpu';
import {
  conv2dBackwardBias,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dForward,
} from '../reference/conv2d';
import { randomFloat32 } from '../reference/testing/conv';

// float32 on both sides; sums of up to ~1600 products of values in [-1, 1).
const TOL = { atol: 1e-4, rtol: 1e-4 };

interface Case {
  name: string;
  x: number[];
  w: number[];
  params: Conv2dParams;
  relu?: boolean;
}

// Unit stride and dilation along x (so the direct kernels apply) but not along y. 15 output columns take
// 8-wide blocks; 10 columns take 5-wide ones, and kw 5 fills every kx of direct5's 5-wide block.
const VARIANT_CASES: Case[] = [
  {
    name: 'variants',
    x: [2, 3, 7, 13],
    w: [5, 3, 3, 3],
    params: { stride: [2, 1], padding: [1, 2], dilation: [2, 1] },
  },
  { name: '5-wide blocks', x: [3, 3, 6, 14], w: [7, 3, 3, 5], params: { stride: [2, 1], padding: [1, 0] } },
  // kw 7 takes 8-wide kx blocks; 9 channels leave a group of 1 past the first 8; 6 input channels fill
  // two 3-channel groups of the direct3 transposed kernel.
  { name: 'kw 7, 6 -> 9 channels', x: [2, 6, 5, 11], w: [9, 6, 2, 7], params: { padding: [0, 3] } },
  // Two groups of 3 -> 9 channels (a channel group of 1 past the first 8 in each); kw 5 fills direct5.
  {
    name: 'groups 2, 3 -> 9 a group',
    x: [2, 6, 7, 13],
    w: [18, 3, 3, 5],
    params: { groups: 2, stride: [2, 1], padding: [1, 2] },
  },
  // Padding 2 on 3 input rows: no ky keeps every output row in the input, so the direct kernels cannot sum
  // the bias on a tap row and it takes a pass of its own.
  { name: 'no full tap row', x: [2, 2, 3, 10], w: [6, 2, 3, 5], params: { padding: 2 } },
  // Depthwise with a channel multiplier of 2: one input channel and two output channels a group.
  { name: 'depthwise x2', x: [3, 4, 6, 11], w: [8, 1, 3, 3], params: { groups: 4, padding: [1, 2] } },
];

describe.each(VARIANT_CASES)(
  'every kernel variant agrees with the reference on $name, bias gradient included (atol 1e-4, rtol 1e-4)',
  (c) => {
    const g: ConvGeometry = conv2dGeometry(c.x, c.w, c.params);
    const yShape = [g.n, g.cout, g.oh, g.ow];
    const xs = randomFloat32(g.n * g.cin * g.h * g.w, 11);
    const ws = randomFloat32((g.cout * g.cin * g.kh * g.kw) / g.groups, 12);
    const dys = randomFloat32(g.n * g.cout * g.oh * g.ow, 13);
    const host = (data: Float32Array, shape: number[]) => ({ data, shape });
    const want = {
      y: new Float32Array(dys.length),
      dx: new Float32Array(xs.length),
      dw: new Float32Array(ws.length),
      db: new Float32Array(g.cout),
    };
    conv2dForward({ x: host(xs, c.x), weight: host(ws, c.w), y: host(want.y, yShape), params: c.params });
    conv2dBackwardBias({ dy: host(dys, yShape), dbias: host(want.db, [g.cout]) });
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
    const variants: [ConvKernel, WeightGradKernel][] = [
      ['direct', 'direct'],
      ['direct3', 'direct5'],
      // The test device (SwiftShader) has subgroups laid out in quads; elsewhere planning 'quad' throws.
      ['quad', 'quad'],
      [4, 'tile'],
      [1, 'tile'],
    ];
    for (const [conv, grad] of variants) {
      it(`forward and backward-input ${conv}, backward-weight ${grad}`, async () => {
        const out = await gpuCheck(async (device) => {
          const r = gpuRun(device, `variant ${conv}`);
          const [x, weight, dy] = [r.put('x', c.x, xs), r.put('w', c.w, ws), r.put('dy', yShape, dys)];
          const [y, dx, dx7, dweight, dbias] = [
            r.put('y', yShape),
            r.put('dx', c.x),
            r.put('dx7', c.x),
            r.put('dw', c.w),
            r.put('db', [g.cout]),
          ];
          // The direct transposed kernel runs with both column tiles (7 and 8), whichever the planner picks;
          // 'quad' is forward-only, so its row pairs it with 'direct'.
          const back = conv === 'quad' ? 'direct' : conv;
          const bwd = (name: string, out: typeof dx, xTile: 7 | 8) =>
            planCorrelateTransposed(r.ctx, name, g, { x: dy, weight, bias: null, y: out }, back, xTile);
          const ops = [
            planCorrelate(r.ctx, 'fwd', g, { x, weight, bias: null, y, relu: false }, conv),
            bwd('bwd', dx, 8),
            bwd('bwd7', dx7, 7),
            planWeightGrad(r.ctx, 'dw', g, { x, dy, dweight, dbias }, grad),
          ];
          return r.run(ops, { y, dx, dx7, dweight, dbias });
        });
        expectClose(out.y, want.y, TOL);
        expectClose(out.dx, want.dx, TOL);
        expectClose(out.dx7, want.dx, TOL);
        expectClose(out.dweight, want.dw, TOL);
        expectClose(out.dbias, want.db, TOL);
      });
    }

    it('refuses the direct kernels where stride or dilation along x is not 1', async () => {
      const strided = conv2dGeometry([1, 1, 5, 5], [1, 1, 3, 3], { stride: [1, 2] });
      await gpuCheck((device) => {
        const r = gpuRun(device, 'refuse');
        const [x, weight, y] = [r.put('x', [1, 1, 5, 5]), r.put('w', [1, 1, 3, 3]), r.put('y', [1, 1, 3, 2])];
        expect(() =>
          planCorrelate(r.ctx, 'fwd', strided, { x, weight, bias: null, y, relu: false }, 'direct'),
        ).toThrow(/needs stride and dilation 1 along x/);
        expect(() => planWeightGrad(r.ctx, 'dw', strided, { x, dy: y, dweight: weight }, 'direct')).toThrow(
          /needs stride and dilation 1 along x/,
        );
      });
    });
  },
);

// The depthwise kernels on any conv: depthwise ones (the planners' choice), a dense one (its channel loops),
// stride and dilation along x (windows reloaded, not slid) and padding beyond d*(k-1) (the input
// gradient's rotated kernel then has negative padding). The transposed pass runs only for stride 1.
const DEPTHWISE_CASES: Case[] = [
  { name: 'depthwise 3x3, 11x13', x: [2, 5, 11, 13], w: [5, 1, 3, 3], params: { groups: 5, padding: 1 } },
  {
    name: 'depthwise stride 2',
    x: [2, 3, 9, 10],
    w: [3, 1, 3, 3],
    params: { groups: 3, stride: 2, padding: 1 },
  },
  {
    name: 'depthwise x2, dilation [1,2], 5 rows',
    x: [1, 2, 5, 12],
    w: [4, 1, 3, 3],
    params: { groups: 2, dilation: [1, 2], padding: [1, 2] },
  },
  {
    name: 'depthwise 5x5 on 307 columns',
    x: [1, 2, 3, 307],
    w: [2, 1, 5, 5],
    params: { groups: 2, padding: 2 },
  },
  {
    name: 'dense 3->4, stride [1,2]',
    x: [2, 3, 6, 9],
    w: [4, 3, 2, 3],
    params: { stride: [1, 2], padding: 1 },
  },
  {
    name: 'dense 2->3 a group, padding 3',
    x: [1, 4, 5, 6],
    w: [6, 2, 3, 3],
    params: { groups: 2, padding: 3 },
  },
];

describe.each(DEPTHWISE_CASES)('the depthwise kernels agree with the reference on $name', (c) => {
  it('forward, backward-input (stride 1), backward-weight', async () => {
    const g = conv2dGeometry(c.x, c.w, c.params);
    const yShape = [g.n, g.cout, g.oh, g.ow];
    const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const [xs, ws, bs, dys] = [
      randomFloat32(count(c.x), 21),
      randomFloat32(count(c.w), 22),
      randomFloat32(g.cout, 23),
      randomFloat32(count(yShape), 24),
    ];
    const host = (data: Float32Array, shape: number[]) => ({ data, shape });
    const want = {
      y: new Float32Array(dys.length),
      dx: new Float32Array(xs.length),
      dw: new Float32Array(ws.length),
    };
    const bias = host(bs, [g.cout]);
    conv2dForward({
      x: host(xs, c.x),
      weight: host(ws, c.w),
      bias,
      y: host(want.y, yShape),
      params: c.params,
      relu: true,
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
    const transposed = g.sh === 1 && g.sw === 1;
    const out = await gpuCheck(async (device) => {
      const r = gpuRun(device, `depthwise ${c.name}`);
      const [x, weight, b, dy] = [
        r.put('x', c.x, xs),
        r.put('w', c.w, ws),
        r.put('b', [g.cout], bs),
        r.put('dy', yShape, dys),
      ];
      const [y, dx, dweight] = [r.put('y', yShape), r.put('dx', c.x), r.put('dw', c.w)];
      const ops = [
        planCorrelate(r.ctx, 'fwd', g, { x, weight, bias: b, y, relu: true }, 'depthwise'),
        planWeightGrad(r.ctx, 'dw', g, { x, dy, dweight }, 'depthwise'),
      ];
      if (transposed) {
        ops.push(planCorrelateTransposed(r.ctx, 'bwd', g, { x: dy, weight, bias: null, y: dx }, 'depthwise'));
      } else {
        expect(() =>
          planCorrelateTransposed(r.ctx, 'bwd', g, { x: dy, weight, bias: null, y: dx }, 'depthwise'),
        ).toThrow(/depthwise kernel runs a transposed pass for stride 1 only/);
      }
      return r.run(ops, { y, dx, dweight });
    });
    expectClose(out.y, want.y, TOL);
    expectClose(out.dweight, want.dw, TOL);
    if (transposed) expectClose(out.dx, want.dx, TOL);
  });
});
