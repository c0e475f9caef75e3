import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { adaptiveAvgPool2dBackward, adaptiveAvgPool2dForward } from '../reference/adaptive-avg-pool';
import { graphCases } from '../reference/graph-fixture';
import { sizeOf } from '../tensor';
import {
  adaptiveAvgPool2dGeometry,
  adaptiveAvgPoolSkipsWidthPass,
  adaptivePooledShape,
  planAdaptiveAvgPool2dBackward,
  planAdaptiveAvgPool2dForward,
  type AdaptiveOutputSize,
} from './adaptive-avg-pool';
import { planeGrid } from './plane-grid';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// Sums in f32 (a row pass, then a column pass) against float64 in scan order.
const TOL = { atol: 1e-6, rtol: 1e-5 };

async function gpuPool(x: Float32Array, dy: Float32Array, shape: number[], outputSize: AdaptiveOutputSize) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'adaptive-avg-pool');
    const yShape = adaptivePooledShape(adaptiveAvgPool2dGeometry(shape, outputSize));
    const y = empty(ctx, 'y', yShape);
    const dx = empty(ctx, 'dx', shape);
    run(
      ctx,
      planAdaptiveAvgPool2dForward(ctx, { x: upload(ctx, 'x', x, shape), y, outputSize }),
      planAdaptiveAvgPool2dBackward(ctx, { dy: upload(ctx, 'dy', dy, yShape), dx, outputSize }),
    );
    const out = { y: await read(ctx, y), dx: await read(ctx, dx) };
    ctx.arena.destroy();
    return out;
  });
}

async function checkAgainstReference(shape: number[], outputSize: AdaptiveOutputSize) {
  const x = randomArray(sizeOf(shape), sizeOf(shape));
  const yShape = adaptivePooledShape(adaptiveAvgPool2dGeometry(shape, outputSize));
  const dy = randomArray(sizeOf(yShape), 5);
  const got = await gpuPool(x, dy, shape, outputSize);
  const args = { shape, outputSize };
  expectClose(got.y, adaptiveAvgPool2dForward({ ...args, x, y: new Float32Array(dy.length) }), TOL);
  expectClose(got.dx, adaptiveAvgPool2dBackward({ ...args, dy, dx: new Float32Array(x.length) }), TOL);
}

describe('adaptive_avg_pool2d on WebGPU', () => {
  it('matches PyTorch AdaptiveAvgPool2d forward and backward', async () => {
    for (const c of graphCases().adaptive_avg_pool2d) {
      const got = await gpuPool(Float32Array.from(c.x), Float32Array.from(c.dy), c.shape, c.output_size);
      expectClose(got.y, c.y, TOL);
      expectClose(got.dx, c.dx, TOL);
    }
  });

  it('skips the width pass exactly where every column bin is one column', () => {
    const skips = (shape: number[], size: AdaptiveOutputSize) =>
      adaptiveAvgPoolSkipsWidthPass(adaptiveAvgPool2dGeometry(shape, size));
    expect([skips([1, 1, 9, 7], [3, 7]), skips([1, 1, 9, 7], 1), skips([1, 1, 5, 1], [2, 1])]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('matches the CPU reference: global pooling of large planes, uneven and overlapping bins, upsizing', async () => {
    const cases: [number[], AdaptiveOutputSize][] = [
      [[2, 3, 64, 64], 1],
      [[3, 5, 13, 307], 1],
      [
        [2, 2, 13, 11],
        [3, 4],
      ],
      [
        [1, 3, 9, 7],
        [3, 7],
      ],
      [
        [1, 2, 5, 6],
        [11, 13],
      ],
      [
        [4, 1, 1, 1],
        [2, 3],
      ],
      [
        [1, 1, 130, 3],
        [7, 1],
      ],
    ];
    for (const [shape, size] of cases) await checkAgainstReference(shape, size);
  });

  // 65,537 planes of 8 x 16 pooled to 8 x 8: all three passes' grids stride over planes past 65535 workgroups.
  it('strides over planes past 65535 workgroups', async () => {
    const planes = 65_537;
    for (const [w, h] of [
      [8, 8],
      [16, 8],
    ]) {
      expect(planeGrid(w, h, planes, 'adaptive_avg_pool2d').workgroups[2]).toBe(65535);
    }
    await checkAgainstReference([planes, 1, 8, 16], 8);
  });

  it('rejects a y or dy of the wrong shape, naming it', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'adaptive-shapes');
      const x = empty(ctx, 'x', [1, 2, 7, 7]);
      expect(() =>
        planAdaptiveAvgPool2dForward(ctx, { x, y: empty(ctx, 'y', [1, 2, 1, 1]), outputSize: [2, 3] }),
      ).toThrow('adaptive_avg_pool2d_forward y: expected shape [1,2,2,3], got [1,2,1,1]');
      expect(() =>
        planAdaptiveAvgPool2dBackward(ctx, { dy: empty(ctx, 'dy', [1, 2, 3, 2]), dx: x, outputSize: [2, 3] }),
      ).toThrow('adaptive_avg_pool2d_backward dy: expected shape [1,2,2,3], got [1,2,3,2]');
      ctx.arena.destroy();
    });
  });
});
