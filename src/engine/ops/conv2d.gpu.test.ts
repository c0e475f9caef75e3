import { describe, expect, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { expectClose } from '../../gpu/testing/close';
import { conv2dGeometry, type Conv2dParams, type ConvGeometry } from './conv-geometry';
import {
  planConv2dBackwardBias,
  planConv2dBackwardInput,
  planConv2dBackwardWeight,
  planConv2dForward,
} from './conv2d';
import {
  chooseConvKernel,
  correlateKernel,
  correlateTransposedKernel,
  isDepthwise,
  planCorrelate,
  planCorrelateTransposed,
  type ConvKernel,
} from './conv-passes';
import { chooseWeightGradKernel, planWeightGrad, splitK, type WeightGradKernel } from './conv-grad-passes';
import { gpuRun } from './conv-gpu-testing';
import {
  conv2dBackwardBias,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dForward,
} from '../reference/conv2d';
import { randomFloat32 } from '../reference/conv-testing';
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
      planConv2dBackwardWeight(r.ctx, { x, dy, dweight, params: c.params }),
      planConv2dBackwardBias(r.ctx, { dy, dbias }),
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

describe('forward kernel choice', () => {
  const unit = conv2dGeometry([2, 6, 14, 14], [16, 6, 5, 5]);
  const strided = conv2dGeometry([2, 6, 14, 14], [16, 6, 5, 5], { stride: 2 });
  it('takes the quad kernel for 5+ channels where the device has quad lanes, else the direct ones', () => {
    expect(chooseConvKernel(unit, 16, true)).toBe('quad');
    expect(chooseConvKernel(unit, 5, true)).toBe('quad');
    expect(chooseConvKernel(unit, 4, true)).toBe('direct');
    expect(chooseConvKernel(unit, 16, false)).toBe('direct');
    expect(chooseConvKernel(unit, 6, false)).toBe('direct3');
    expect(chooseConvKernel(strided, 16, true)).toBe(4);
  });

  it("takes the depthwise kernels for one input channel a group, and the others by a group's channels", () => {
    const depthwise = conv2dGeometry([2, 8, 9, 9], [16, 1, 3, 3], { groups: 8, padding: 1 });
    expect(isDepthwise(depthwise)).toBe(true);
    expect(correlateKernel(depthwise, true)).toBe('depthwise');
    expect(correlateTransposedKernel(depthwise)).toBe('depthwise');
    expect(chooseWeightGradKernel(depthwise, true)).toBe('depthwise');
    // Stride 2: the forward and the transposed pass take the one-channel tile, the weight gradient stays.
    const strided = conv2dGeometry([2, 8, 9, 9], [8, 1, 3, 3], { groups: 8, stride: 2 });
    expect(correlateKernel(strided, true)).toBe(1);
    expect(correlateTransposedKernel(strided)).toBe(1);
    expect(chooseWeightGradKernel(strided, true)).toBe('depthwise');
    // groups = 1 with one input channel (LeNet conv1) keeps its dense kernels.
    const lenet1 = conv2dGeometry([2, 1, 28, 28], [6, 1, 5, 5], { padding: 2 });
    expect(isDepthwise(lenet1)).toBe(false);
    expect(correlateKernel(lenet1, true)).toBe('quad');
    expect(correlateTransposedKernel(lenet1)).toBe(1);
    const grouped = conv2dGeometry([2, 16, 14, 14], [32, 8, 5, 5], { groups: 2 });
    expect(isDepthwise(grouped)).toBe(false);
    expect(chooseWeightGradKernel(grouped, true)).toBe('quad');
    expect(chooseWeightGradKernel(conv2dGeometry([2, 16, 14, 14], [8, 4, 5, 5], { groups: 4 }), true)).toBe(
      'direct5',
    );
  });

  it('takes the quad weight-gradient kernel for 8+ channels where the device has quad lanes', () => {
    expect(chooseWeightGradKernel(unit, true)).toBe('quad');
    expect(chooseWeightGradKernel(unit, false)).toBe('direct5');
    expect(chooseWeightGradKernel(conv2dGeometry([2, 6, 14, 14], [6, 6, 5, 5]), true)).toBe('direct5');
    expect(chooseWeightGradKernel(strided, true)).toBe('tile');
  });

  it('refuses the quad kernel for a transposed pass', async () => {
    await gpuCheck((device) => {
      const r = gpuRun(device, 'quad-transposed');
      const [x, weight, y] = [
        r.put('x', [2, 6, 14, 14]),
        r.put('w', [16, 6, 5, 5]),
        r.put('y', [2, 16, 10, 10]),
      ];
      expect(() =>
        planCorrelateTransposed(r.ctx, 'bwd', unit, { x: y, weight, bias: null, y: x }, 'quad'),
      ).toThrow(/conv2d forward kernel only/);
    });
  });
});

describe('split-K sizing', () => {
  it('covers the reduction exactly, with no empty split and at most 256 partials', () => {
    for (const [length, tiles] of [
      [1792, 10],
      [640, 120],
      [1, 1],
      [307, 3],
      [100000, 1],
    ]) {
      const [splits, chunk] = splitK(length, tiles, 1);
      expect(splits * chunk).toBeGreaterThanOrEqual(length);
      expect((splits - 1) * chunk).toBeLessThan(length);
      expect(splits).toBeLessThanOrEqual(256);
    }
  });
});

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
  // Depthwise with a channel multiplier of 2: one input channel and two output channels a group.
  { name: 'depthwise x2', x: [3, 4, 6, 11], w: [8, 1, 3, 3], params: { groups: 4, padding: [1, 2] } },
];

describe.each(VARIANT_CASES)(
  'every kernel variant agrees with the reference on $name (atol 1e-4, rtol 1e-4)',
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
    };
    conv2dForward({ x: host(xs, c.x), weight: host(ws, c.w), y: host(want.y, yShape), params: c.params });
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
          const [y, dx, dx7, dweight] = [
            r.put('y', yShape),
            r.put('dx', c.x),
            r.put('dx7', c.x),
            r.put('dw', c.w),
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
            planWeightGrad(r.ctx, 'dw', g, { x, dy, dweight }, grad),
          ];
          return r.run(ops, { y, dx, dx7, dweight });
        });
        expectClose(out.y, want.y, TOL);
        expectClose(out.dx, want.dx, TOL);
        expectClose(out.dx7, want.dx, TOL);
        expectClose(out.dweight, want.dw, TOL);
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
          planConv2dBackwardWeight(r.ctx, { x, dy, dweight, params }),
          planConv2dBackwardBias(r.ctx, { dy, dbias }),
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
