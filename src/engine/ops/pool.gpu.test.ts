import { describe, expect, it } from 'vitest';
import { readBuffer } from '../../gpu/buffers';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { loadFixture } from '../fixtures/load';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from '../reference/pool';
import {
  avgCaseParams,
  maxCaseParams,
  withNans,
  type AvgCase,
  type MaxCase,
} from '../reference/pool-fixture';
import { sizeOf, type Tensor } from '../tensor';
import {
  maxPoolTilesExactly,
  maxPoolWindowGrid,
  planAvgPool2dBackward,
  planAvgPool2dForward,
  planMaxPool2dBackward,
  planMaxPool2dForward,
} from './pool';
import { avgPool2dGeometry, maxPool2dGeometry, pooledShape } from './pool-geometry';
import type { AvgPool2dParams, MaxPool2dParams } from './pool-geometry';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';
import type { EngineContext } from '../op';

// Tolerances: max pool's y and argmax are selections, so they must match exactly; its dx sums the same dy
// values in the same order as the CPU, so 1e-6. avg pool sums in f32 on the GPU and f64 on the CPU: 1e-5.
const AVG_TOL = { atol: 1e-6, rtol: 1e-5 };
const MAX_DX_TOL = { atol: 1e-6, rtol: 1e-6 };

const readU32 = async (ctx: EngineContext, t: Tensor) =>
  new Uint32Array(await readBuffer(ctx.device, t.buffer, sizeOf(t.shape) * 4, t.offset));

/** Runs max pool forward and backward on the GPU and the CPU reference and compares all three outputs. */
async function checkMax(shape: number[], params: MaxPool2dParams, x: Float32Array, dyIn?: Float32Array) {
  const outShape = pooledShape(maxPool2dGeometry(shape, params));
  const dy = dyIn ?? randomArray(sizeOf(outShape), 99);
  const want = {
    y: new Float32Array(dy.length),
    indices: new Uint32Array(dy.length),
    dx: new Float32Array(x.length),
  };
  maxPool2dForward({ x, y: want.y, indices: want.indices, shape, params });
  maxPool2dBackward({ dy, indices: want.indices, dx: want.dx, shape, params });
  const got = await gpuCheck(async (device) => {
    const ctx = testContext(device, 'max-pool-test');
    const t = {
      x: upload(ctx, 'x', x, shape),
      y: empty(ctx, 'y', outShape),
      indices: empty(ctx, 'indices', outShape),
      dy: upload(ctx, 'dy', dy, outShape),
      dx: empty(ctx, 'dx', shape),
    };
    run(
      ctx,
      planMaxPool2dForward(ctx, { x: t.x, y: t.y, indices: t.indices, params }),
      planMaxPool2dBackward(ctx, { dy: t.dy, indices: t.indices, dx: t.dx, params }),
    );
    const out = {
      y: await read(ctx, t.y),
      indices: await readU32(ctx, t.indices),
      dx: await read(ctx, t.dx),
    };
    ctx.arena.destroy();
    return out;
  });
  expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
  expect(Array.from(got.y)).toEqual(Array.from(want.y));
  expectClose(got.dx, want.dx, MAX_DX_TOL);
  return got;
}

async function checkAvg(shape: number[], params: AvgPool2dParams, x: Float32Array, dyIn?: Float32Array) {
  const outShape = pooledShape(avgPool2dGeometry(shape, params));
  const dy = dyIn ?? randomArray(sizeOf(outShape), 77);
  const want = { y: new Float32Array(dy.length), dx: new Float32Array(x.length) };
  avgPool2dForward({ x, y: want.y, shape, params });
  avgPool2dBackward({ dy, dx: want.dx, shape, params });
  const got = await gpuCheck(async (device) => {
    const ctx = testContext(device, 'avg-pool-test');
    const t = {
      x: upload(ctx, 'x', x, shape),
      y: empty(ctx, 'y', outShape),
      dy: upload(ctx, 'dy', dy, outShape),
      dx: empty(ctx, 'dx', shape),
    };
    run(
      ctx,
      planAvgPool2dForward(ctx, { x: t.x, y: t.y, params }),
      planAvgPool2dBackward(ctx, { dy: t.dy, dx: t.dx, params }),
    );
    const out = { y: await read(ctx, t.y), dx: await read(ctx, t.dx) };
    ctx.arena.destroy();
    return out;
  });
  expectClose(got.y, want.y, AVG_TOL);
  expectClose(got.dx, want.dx, AVG_TOL);
  return got;
}

/** ReLU of quarter steps: about half zeros and many equal values, the common case after a ReLU layer. */
function tieHeavy(n: number, seed: number): Float32Array {
  return randomArray(n, seed).map((v) => Math.max(0, Math.round(v * 4) / 4));
}

const AWKWARD: [number[], MaxPool2dParams & AvgPool2dParams][] = [
  [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }],
  [[1, 1, 7, 11], { kernelSize: 3, stride: 2, padding: 1, ceilMode: false }],
  [[2, 3, 13, 13], { kernelSize: 2 }],
  [[1, 3, 13, 13], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
  [[3, 1, 9, 7], { kernelSize: [3, 2], stride: [4, 3], padding: 1, ceilMode: true }],
  [[1, 2, 6, 7], { kernelSize: [4, 5], stride: [3, 2], padding: 2, ceilMode: true, countIncludePad: false }],
  [[1, 1, 307, 1], { kernelSize: [2, 1], ceilMode: true }],
  [[1, 3, 5, 6], { kernelSize: 1, stride: [2, 3] }],
  [[4, 6, 28, 28], { kernelSize: 2, stride: 2 }],
  // Windows that tile the input exactly (max-pool backward writes whole windows): rectangular, and 1x1.
  [[3, 2, 9, 12], { kernelSize: [3, 4] }],
  [[1, 3, 5, 7], { kernelSize: 1 }],
  // The windows kernels' edges: rows of 1 and of 4k+1..4k+3 windows, plane counts past a workgroup of 64
  // and below it, non-square windows on the general loop.
  [[1, 1, 2, 2], { kernelSize: 2 }],
  [[3, 5, 10, 18], { kernelSize: 2 }],
  [[1, 7, 6, 26], { kernelSize: 2, stride: 2 }],
  [[13, 5, 4, 12], { kernelSize: 2 }],
  [[2, 3, 4, 21], { kernelSize: [2, 3] }],
  // The last window hangs past the padded edge under ceil_mode (avg pool's divisor must not count it).
  [[1, 1, 8, 6], { kernelSize: 3, stride: 2, ceilMode: true }],
  [[2, 1, 6, 6], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
];

describe('max_pool2d on the GPU against the CPU reference', () => {
  for (const [i, [shape, params]] of AWKWARD.entries()) {
    it(`random input, [${shape}] ${JSON.stringify(params)}`, () =>
      checkMax(shape, params, randomArray(sizeOf(shape), i + 1)));
    it(`tie-heavy ReLU input, [${shape}] ${JSON.stringify(params)}`, () =>
      checkMax(shape, params, tieHeavy(sizeOf(shape), i + 50)));
  }

  it('dilation with stride > kernel', () =>
    checkMax(
      [1, 2, 11, 13],
      { kernelSize: 2, stride: 3, padding: 1, dilation: [2, 3], ceilMode: true },
      randomArray(286, 5),
    ));

  it('all zeros: every argmax is the first in-bounds tap of its window', async () => {
    const shape = [1, 1, 5, 5];
    const got = await checkMax(shape, { kernelSize: 2, stride: 2, ceilMode: true }, new Float32Array(25));
    expect(Array.from(got.indices)).toEqual([0, 2, 4, 10, 12, 14, 20, 22, 24]);
  });

  it('NaN wins over numbers, and the last NaN in scan order wins', async () => {
    const x = Float32Array.from([1, NaN, 3, NaN, 5, 9, 2, 1]);
    const got = await checkMax([1, 1, 2, 4], { kernelSize: [2, 4] }, x);
    expect(got.indices[0]).toBe(3);
    expect(got.y[0]).toBeNaN();
  });
});

describe('max_pool2d 2x2 windows kernels: NaN and ties', () => {
  // One 2x2 window per case, side by side in a 2 x 20 plane: a NaN at each tap, NaNs at two taps (the
  // later wins), a NaN among ties, all equal (the first tap wins), ties of the maximum at later taps.
  const windows = [
    [NaN, 1, 2, 3],
    [1, NaN, 2, 3],
    [1, 2, NaN, 3],
    [1, 2, 3, NaN],
    [NaN, 1, NaN, 3],
    [5, NaN, NaN, 5],
    [2, 2, NaN, 2],
    [4, 4, 4, 4],
    [1, 3, 3, 3],
    [1, 2, 3, 3],
  ];
  const want = [0, 1, 20, 21, 20, 20, 20, 0, 1, 20];
  it('the argmax and max follow PyTorch (last NaN wins, first maximum wins ties)', async () => {
    const x = new Float32Array(40);
    windows.forEach(([a, b, c, d], i) => {
      x.set([a, b], 2 * i);
      x.set([c, d], 20 + 2 * i);
    });
    const got = await checkMax([1, 1, 2, 20], { kernelSize: 2 }, x);
    expect(Array.from(got.indices)).toEqual(want.map((t, i) => t + 2 * i));
    expect(Array.from(got.y.slice(0, 7)).every(Number.isNaN)).toBe(true);
    expect(Array.from(got.y.slice(7))).toEqual([4, 3, 3]);
  });
});

describe('max_pool2d kernel choice', () => {
  const grid = (shape: number[], params: MaxPool2dParams) =>
    maxPoolWindowGrid(maxPool2dGeometry(shape, params));
  it('takes the windows kernels exactly where the windows tile the input', () => {
    expect(grid([64, 6, 28, 28], { kernelSize: 2 })).not.toBeNull();
    expect(grid([64, 16, 10, 10], { kernelSize: 2, stride: 2 })).not.toBeNull();
    expect(grid([2, 3, 9, 12], { kernelSize: [3, 4] })).not.toBeNull();
    expect(grid([1, 1, 5, 5], { kernelSize: 2 })).toBeNull(); // remainder
    expect(grid([1, 1, 6, 6], { kernelSize: 2, stride: 1 })).toBeNull(); // overlap
    expect(grid([1, 1, 6, 6], { kernelSize: 2, padding: 1 })).toBeNull();
    expect(grid([1, 1, 8, 8], { kernelSize: 2, dilation: 2, stride: 2 })).toBeNull();
    expect(grid([1, 1, 6, 6], { kernelSize: 3, stride: 2, ceilMode: true })).toBeNull();
    expect(maxPoolTilesExactly([1, 1, 6, 6], { kernelSize: 3, stride: 3, ceilMode: true })).toBe(true);
  });

  it('covers every window with 64-thread workgroups, and falls back past 65535 workgroups per axis', () => {
    for (const shape of [
      [64, 6, 28, 28],
      [1, 1, 2, 2],
      [3, 5, 10, 18],
      [1, 1, 4, 400],
    ]) {
      const g = maxPool2dGeometry(shape, { kernelSize: 2 });
      const { workgroupSize: size, workgroups } = maxPoolWindowGrid(g)!;
      expect(size[0] * size[1] * size[2]).toBe(64);
      const covered = workgroups.map((n, i) => n * size[i]);
      expect(covered[0] * 4).toBeGreaterThanOrEqual(g.ow);
      expect(covered[1]).toBeGreaterThanOrEqual(g.oh);
      expect(covered[2]).toBeGreaterThanOrEqual(g.n * g.c);
      // No workgroup lies wholly outside the outputs.
      expect((workgroups[2] - 1) * size[2]).toBeLessThan(g.n * g.c);
    }
    expect(grid([65535 * 64 + 1, 1, 2, 2], { kernelSize: 2 })).toBeNull();
    expect(grid([1, 1, 2, 2 * (4 * 64 * 65535 + 1)], { kernelSize: 2 })).toBeNull();
    expect(maxPoolTilesExactly([65535 * 64 + 1, 1, 2, 2], { kernelSize: 2 })).toBe(false);
  });
});

describe('avg_pool2d on the GPU against the CPU reference', () => {
  for (const [i, [shape, params]] of AWKWARD.entries()) {
    it(`[${shape}] ${JSON.stringify(params)}`, () =>
      checkAvg(shape, params, randomArray(sizeOf(shape), i + 20)));
  }
});

describe('pooling on the GPU against PyTorch fixtures', () => {
  const fixtures = loadFixture('pool');
  for (const [i, c] of (fixtures.max_pool2d as unknown as MaxCase[]).entries()) {
    it(`max_pool2d case ${i} (argmax ties, NaN, ceil_mode, padding)`, async () => {
      const got = await checkMax(
        c.shape,
        maxCaseParams(c),
        withNans(c.x, c.x_nan_at),
        Float32Array.from(c.dy),
      );
      expect(Array.from(got.indices)).toEqual(c.indices);
      expect(Array.from(got.y)).toEqual(Array.from(withNans(c.y, c.y_nan_at)));
      expectClose(got.dx, c.dx, MAX_DX_TOL);
    });
  }
  for (const [i, c] of (fixtures.avg_pool2d as unknown as AvgCase[]).entries()) {
    it(`avg_pool2d case ${i} (count_include_pad ${c.count_include_pad}, ceil_mode ${c.ceil_mode})`, async () => {
      const got = await checkAvg(c.shape, avgCaseParams(c), Float32Array.from(c.x), Float32Array.from(c.dy));
      expectClose(got.y, c.y, AVG_TOL);
      expectClose(got.dx, c.dx, AVG_TOL);
    });
  }
});

describe('max_pool2d backward with the backward of a ReLU before it fused', () => {
  // x is the ReLU's output (half zeros); the fused pass must equal pool backward, then ReLU backward.
  const cases: [number[], MaxPool2dParams][] = [
    [[3, 5, 14, 10], { kernelSize: 2 }],
    [[2, 3, 9, 12], { kernelSize: [3, 4] }],
  ];
  for (const [shape, params] of cases) {
    it(`[${shape}] ${JSON.stringify(params)}`, async () => {
      // Every plane's top 4 rows are zero too, so whole windows have a ReLU zero for their max.
      const x = tieHeavy(sizeOf(shape), 7).map((v, i) => (i % (shape[2] * shape[3]) < 4 * shape[3] ? 0 : v));
      const outShape = pooledShape(maxPool2dGeometry(shape, params));
      const dy = randomArray(sizeOf(outShape), 8);
      const [y, indices, want] = [
        new Float32Array(dy.length),
        new Uint32Array(dy.length),
        new Float32Array(x.length),
      ];
      maxPool2dForward({ x, y, indices, shape, params });
      maxPool2dBackward({ dy, indices, dx: want, shape, params });
      const unmasked = want.slice();
      want.forEach((v, i) => (want[i] = x[i] > 0 ? v : 0));
      // The mask changes the result.
      expect(want.some((v, i) => v !== unmasked[i])).toBe(true);
      const got = await gpuCheck(async (device) => {
        const ctx = testContext(device, 'max-pool-relu-test');
        const t = {
          x: upload(ctx, 'x', x, shape),
          y: empty(ctx, 'y', outShape),
          indices: empty(ctx, 'indices', outShape),
          dy: upload(ctx, 'dy', dy, outShape),
          dx: upload(ctx, 'dx', new Float32Array(x.length).fill(7), shape),
        };
        run(
          ctx,
          planMaxPool2dForward(ctx, { x: t.x, y: t.y, indices: t.indices, params }),
          planMaxPool2dBackward(ctx, { dy: t.dy, indices: t.indices, dx: t.dx, params, reluMask: t.y }),
        );
        const dx = await read(ctx, t.dx);
        ctx.arena.destroy();
        return dx;
      });
      expectClose(got, want, MAX_DX_TOL);
    });
  }

  it('is refused where windows overlap or leave a remainder', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'max-pool-relu-refusal');
      const [dx, dy] = [empty(ctx, 'dx', [1, 1, 5, 5]), empty(ctx, 'dy', [1, 1, 2, 2])];
      expect(() =>
        planMaxPool2dBackward(ctx, { dy, indices: dy, dx, params: { kernelSize: 2 }, reluMask: dy }),
      ).toThrow(/fuses a ReLU only where the windows tile the input/);
      ctx.arena.destroy();
    });
  });
});

describe('pooling planners', () => {
  it('reject tensors whose shapes do not match the window geometry', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'pool-shape-test');
      const x = empty(ctx, 'x', [1, 1, 6, 6]);
      const bad = empty(ctx, 'y', [1, 1, 2, 2]);
      expect(() => planMaxPool2dForward(ctx, { x, y: bad, indices: bad, params: { kernelSize: 2 } })).toThrow(
        /max_pool2d y: expected shape \[1,1,3,3\], got \[1,1,2,2\]/,
      );
      expect(() =>
        planAvgPool2dBackward(ctx, { dy: bad, dx: x, params: { kernelSize: 3, padding: 2 } }),
      ).toThrow(/at most half the kernel size/);
      ctx.arena.destroy();
    });
  });
});
