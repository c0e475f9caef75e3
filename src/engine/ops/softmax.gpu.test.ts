import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { graphCases } from '../reference/graph-fixture';
import { softmaxBackward, softmaxForward } from '../reference/softmax';
import { sizeOf } from '../tensor';
import { rowGrid } from './row-grid';
import { planSoftmaxBackward, planSoftmaxForward } from './softmax';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// f32 exp and sums against float64; dx = y (dy - Σ dy y) cancels in f32 down to ~y · 2 · 6e-8 absolute.
const TOL = { atol: 3e-7, rtol: 1e-5 };

/** Forward, then backward from the GPU's own y. */
async function gpuSoftmax(x: Float32Array, dy: Float32Array, shape: number[]) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'softmax');
    const y = empty(ctx, 'y', shape);
    const dx = empty(ctx, 'dx', shape);
    run(
      ctx,
      planSoftmaxForward(ctx, { x: upload(ctx, 'x', x, shape), y }),
      planSoftmaxBackward(ctx, { y, dy: upload(ctx, 'dy', dy, shape), dx }),
    );
    const out = { y: await read(ctx, y), dx: await read(ctx, dx) };
    ctx.arena.destroy();
    return out;
  });
}

async function checkAgainstReference(shape: number[], scale = 1) {
  const n = sizeOf(shape);
  const x = randomArray(n, n, -scale, scale);
  const dy = randomArray(n, n + 1);
  const got = await gpuSoftmax(x, dy, shape);
  const y = softmaxForward({ x, y: new Float32Array(n), shape });
  expectClose(got.y, y, TOL);
  expectClose(got.dx, softmaxBackward({ y, dy, dx: new Float32Array(n), shape }), TOL);
}

describe('softmax (dim=1) on WebGPU', () => {
  it('matches PyTorch forward and backward', async () => {
    for (const c of graphCases().softmax) {
      const got = await gpuSoftmax(Float32Array.from(c.x), Float32Array.from(c.dy), c.shape);
      expectClose(got.y, c.y, TOL);
      expectClose(got.dx, c.dx, TOL);
    }
  });

  it('matches the CPU reference on awkward shapes and inputs up to ±1000', async () => {
    const cases: [number[], number][] = [
      [[307, 10], 5],
      [[5, 1000], 1000],
      [[2, 3, 13, 17], 1],
      [[1, 1, 5, 5], 1],
      [[3, 7, 1, 1], 50],
      [[1, 65, 3], 1000],
    ];
    for (const [shape, scale] of cases) await checkAgainstReference(shape, scale);
  });

  // Past 65535 workgroups along the pixels of one image (2049 x 2049): the kernels stride over the grid.
  // (Striding over rows has the same form; concat's test covers that axis.)
  it('strides over pixels past 65535 workgroups', async () => {
    expect(rowGrid(2049 * 2049, 1).workgroups[0]).toBe(65535);
    await checkAgainstReference([1, 2, 2049, 2049]);
  });

  it('rejects mismatched shapes, naming the tensor', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'softmax-shapes');
      const y = empty(ctx, 'y', [2, 5]);
      expect(() => planSoftmaxForward(ctx, { x: empty(ctx, 'x', [5, 2]), y })).toThrow(
        'softmax_forward y: expected shape [5,2], got [2,5]',
      );
      expect(() => planSoftmaxBackward(ctx, { y, dy: y, dx: empty(ctx, 'dx', [10]) })).toThrow(
        'softmax_backward dx: expected shape [2,5], got [10]',
      );
      ctx.arena.destroy();
    });
  });
});
