import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { graphCases, upsampleCaseParams } from '../reference/graph-fixture';
import { upsample2dBackward, upsample2dForward } from '../reference/upsample';
import { sizeOf } from '../tensor';
import { planeGrid } from './plane-grid';
import {
  planUpsample2dBackward,
  planUpsample2dForward,
  upsample2dGeometry,
  upsampledShape,
  type Upsample2dParams,
} from './upsample';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// The same f32 taps as the CPU; products and sums in f32 here and float64 there.
const TOL = { atol: 1e-6, rtol: 1e-6 };

/** A dx sums up to 2 sh x 2 sw weighted dy values in f32: its rounding grows with the factors. */
function backwardTol(p: Upsample2dParams) {
  const [sh, sw] = typeof p.scaleFactor === 'number' ? [p.scaleFactor, p.scaleFactor] : p.scaleFactor;
  return { atol: 1e-7 * 4 * sh * sw, rtol: 1e-6 };
}

async function gpuUpsample(x: Float32Array, dy: Float32Array, shape: number[], params: Upsample2dParams) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'upsample');
    const yShape = upsampledShape(upsample2dGeometry(shape, params));
    const y = empty(ctx, 'y', yShape);
    const dx = empty(ctx, 'dx', shape);
    run(
      ctx,
      planUpsample2dForward(ctx, { x: upload(ctx, 'x', x, shape), y, params }),
      planUpsample2dBackward(ctx, { dy: upload(ctx, 'dy', dy, yShape), dx, params }),
    );
    const out = { y: await read(ctx, y), dx: await read(ctx, dx) };
    ctx.arena.destroy();
    return out;
  });
}

async function checkAgainstReference(shape: number[], params: Upsample2dParams) {
  const x = randomArray(sizeOf(shape), sizeOf(shape));
  const yShape = upsampledShape(upsample2dGeometry(shape, params));
  const dy = randomArray(sizeOf(yShape), 5);
  const got = await gpuUpsample(x, dy, shape, params);
  expectClose(got.y, upsample2dForward({ x, y: new Float32Array(dy.length), shape, params }), TOL);
  expectClose(
    got.dx,
    upsample2dBackward({ dy, dx: new Float32Array(x.length), shape, params }),
    backwardTol(params),
  );
}

const MODES: Omit<Upsample2dParams, 'scaleFactor'>[] = [
  { mode: 'nearest' },
  { mode: 'bilinear' },
  { mode: 'bilinear', alignCorners: true },
];

describe('upsample on WebGPU', () => {
  it('matches PyTorch nearest and bilinear (both align_corners), forward and backward', async () => {
    const cases = graphCases().upsample;
    expect(cases.length).toBe(18);
    for (const c of cases) {
      const got = await gpuUpsample(
        Float32Array.from(c.x),
        Float32Array.from(c.dy),
        c.shape,
        upsampleCaseParams(c),
      );
      expectClose(got.y, c.y, TOL);
      expectClose(got.dx, c.dx, backwardTol(upsampleCaseParams(c)));
    }
  });

  it('matches the CPU reference on awkward shapes and every factor 1..8', async () => {
    const shapes: [number[], [number, number]][] = [
      [
        [2, 3, 7, 5],
        [2, 3],
      ],
      [
        [1, 2, 5, 9],
        [8, 8],
      ],
      [
        [3, 1, 1, 1],
        [5, 7],
      ],
      [
        [1, 1, 13, 2],
        [1, 6],
      ],
      [
        [2, 2, 3, 4],
        [4, 1],
      ],
      [
        [1, 1, 67, 3],
        [1, 1],
      ],
    ];
    for (const [shape, scaleFactor] of shapes) {
      for (const m of MODES) await checkAgainstReference(shape, { ...m, scaleFactor });
    }
  });

  // 65,537 planes of 8 x 8 (factor 1, so both passes run the same grid): past 65535 workgroups, the
  // kernels stride over the planes.
  it('strides over planes past 65535 workgroups', async () => {
    const shape = [65_537, 1, 8, 8];
    expect(planeGrid(8, 8, 65_537, 'upsample').workgroups[2]).toBe(65535);
    await checkAgainstReference(shape, { mode: 'bilinear', scaleFactor: 1 });
  });

  it('rejects a y or dy of the wrong shape, naming it', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'upsample-shapes');
      const params: Upsample2dParams = { mode: 'nearest', scaleFactor: [2, 3] };
      const x = empty(ctx, 'x', [1, 2, 3, 3]);
      expect(() => planUpsample2dForward(ctx, { x, y: empty(ctx, 'y', [1, 2, 6, 6]), params })).toThrow(
        'upsample2d_forward y: expected shape [1,2,6,9], got [1,2,6,6]',
      );
      expect(() =>
        planUpsample2dBackward(ctx, { dy: empty(ctx, 'dy', [1, 2, 9, 6]), dx: x, params }),
      ).toThrow('upsample2d_backward dy: expected shape [1,2,6,9], got [1,2,9,6]');
      ctx.arena.destroy();
    });
  });
});
