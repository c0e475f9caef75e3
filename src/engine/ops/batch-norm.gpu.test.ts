import { describe, expect, it } from 'vitest';
import { expectClose, type Tolerance } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { batchNorm2dBackward, batchNorm2dForward } from '../reference/batch-norm';
import { batchNormCases } from '../reference/norm-fixture';
import { sizeOf } from '../tensor';
import { planBatchNorm2dBackward, planBatchNorm2dForward } from './batch-norm';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// Tolerances, GPU float32 against the CPU's float64: elementwise outputs 1e-5 absolute; per-channel sums over
// N*H*W values (statistics, dweight, dbias) and dx, which subtracts them, 1e-4 relative.
const ELEM: Tolerance = { atol: 1e-5, rtol: 1e-5 };
const SUMS: Tolerance = { atol: 1e-4, rtol: 1e-4 };

interface Step {
  training: boolean;
  x: Float32Array;
  dy: Float32Array;
}

/** A layer's parameters (null without affine) and running statistics at the start, and the steps it takes. */
interface Steps {
  shape: number[];
  weight: Float32Array | null;
  bias: Float32Array | null;
  runningMean: Float32Array;
  runningVar: Float32Array;
  steps: Step[];
  eps: number;
  momentum: number;
}

/** Runs BatchNorm forward and backward on the GPU for each step, carrying the running stats on the GPU. */
async function gpuSteps({ shape, weight, bias, runningMean, runningVar, steps, eps, momentum }: Steps) {
  const c = shape[1];
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'bn-test');
    const affine = weight && bias;
    const t = {
      weight: affine ? upload(ctx, 'weight', weight, [c]) : null,
      bias: affine ? upload(ctx, 'bias', bias, [c]) : null,
      runningMean: upload(ctx, 'running_mean', runningMean, [c]),
      runningVar: upload(ctx, 'running_var', runningVar, [c]),
      saveMean: empty(ctx, 'save_mean', [c]),
      saveInvstd: empty(ctx, 'save_invstd', [c]),
      dweight: affine ? empty(ctx, 'dweight', [c]) : null,
      dbias: affine ? empty(ctx, 'dbias', [c]) : null,
    };
    const results = [];
    for (const step of steps) {
      const x = upload(ctx, 'x', step.x, shape);
      const dy = upload(ctx, 'dy', step.dy, shape);
      const y = empty(ctx, 'y', shape);
      const dx = empty(ctx, 'dx', shape);
      const params = { training: step.training, eps, momentum };
      run(
        ctx,
        planBatchNorm2dForward(ctx, { ...t, x, y, params }),
        planBatchNorm2dBackward(ctx, { ...t, x, dy, dx, params }),
      );
      results.push({
        y: await read(ctx, y),
        saveMean: await read(ctx, t.saveMean),
        saveInvstd: await read(ctx, t.saveInvstd),
        runningMean: await read(ctx, t.runningMean),
        runningVar: await read(ctx, t.runningVar),
        dx: await read(ctx, dx),
        dweight: t.dweight ? await read(ctx, t.dweight) : null,
        dbias: t.dbias ? await read(ctx, t.dbias) : null,
      });
    }
    ctx.arena.destroy();
    return results;
  });
}

function cpuSteps({ shape, weight, bias, steps, eps, momentum, ...start }: Steps) {
  const c = shape[1];
  const runningMean = start.runningMean.slice();
  const runningVar = start.runningVar.slice();
  return steps.map((step) => {
    const out = {
      y: new Float32Array(step.x.length),
      saveMean: new Float32Array(c),
      saveInvstd: new Float32Array(c),
      runningMean,
      runningVar,
      dx: new Float32Array(step.x.length),
      dweight: weight ? new Float32Array(c) : null,
      dbias: weight ? new Float32Array(c) : null,
    };
    const params = { training: step.training, eps, momentum };
    batchNorm2dForward({ ...out, x: step.x, shape, weight, bias, params });
    batchNorm2dBackward({ x: step.x, dy: step.dy, shape, weight, ...out, params });
    return { ...out, runningMean: runningMean.slice(), runningVar: runningVar.slice() };
  });
}

const SHAPES = [
  [1, 1, 7, 11],
  [2, 3, 13, 13],
  [1, 3, 307, 1],
  [5, 4, 1, 1],
  [16, 6, 14, 14],
  [1, 2, 2, 1],
];

/** Parameter gradients match where both sides have them, and are absent on both without affine. */
function expectGrads(got: Float32Array | null, want: ArrayLike<number> | null | undefined, tol: Tolerance) {
  expect(got === null).toBe(!want);
  if (got && want) expectClose(got, want, tol);
}

describe('batch_norm2d on the GPU against the CPU reference (train, train, eval)', () => {
  for (const [i, shape] of SHAPES.entries())
    for (const affine of [true, false]) {
      it(`[${shape}]${affine ? '' : ', affine=False'}`, async () => {
        const n = sizeOf(shape);
        const c = shape[1];
        // An offset mean (3) and spread (2): the variance must not come from E[x^2] - E[x]^2.
        const steps: Step[] = [true, true, false].map((training, k) => ({
          training,
          x: randomArray(n, 100 * i + k, 1, 5),
          dy: randomArray(n, 100 * i + k + 50),
        }));
        const layer: Steps = {
          shape,
          weight: affine ? randomArray(c, i + 1, 0.5, 1.5) : null,
          bias: affine ? randomArray(c, i + 2) : null,
          runningMean: randomArray(c, i + 3),
          runningVar: randomArray(c, i + 4, 0.5, 2),
          steps,
          eps: 1e-5,
          momentum: 0.1,
        };
        const got = await gpuSteps(layer);
        const want = cpuSteps(layer);
        for (const [k, g] of got.entries()) {
          const w = want[k];
          expectClose(g.y, w.y, ELEM);
          expectClose(g.saveMean, w.saveMean, SUMS);
          expectClose(g.saveInvstd, w.saveInvstd, SUMS);
          expectClose(g.runningMean, w.runningMean, SUMS);
          expectClose(g.runningVar, w.runningVar, SUMS);
          expectGrads(g.dweight, w.dweight, SUMS);
          expectGrads(g.dbias, w.dbias, SUMS);
          expectClose(g.dx, w.dx, SUMS);
        }
      });
    }
});

describe('batch_norm2d on the GPU against PyTorch', () => {
  for (const [i, c] of batchNormCases().entries()) {
    const name = `case ${i}: [${c.shape}] momentum ${c.momentum}${c.affine ? '' : ' affine=False'}`;
    it(`${name}: outputs, running stats after 2 steps, grads, eval`, async () => {
      const steps = c.steps.map((s) => ({
        training: s.training,
        x: Float32Array.from(s.x),
        dy: Float32Array.from(s.dy),
      }));
      const f = (v: number[]) => Float32Array.from(v);
      const got = await gpuSteps({
        shape: c.shape,
        weight: c.weight ? f(c.weight) : null,
        bias: c.bias ? f(c.bias) : null,
        runningMean: f(c.running_mean0),
        runningVar: f(c.running_var0),
        steps,
        eps: c.eps,
        momentum: c.momentum,
      });
      for (const [k, g] of got.entries()) {
        const w = c.steps[k];
        expectClose(g.y, w.y, ELEM);
        expectClose(g.runningMean, w.running_mean, ELEM);
        expectClose(g.runningVar, w.running_var, ELEM);
        expectClose(g.dx, w.dx, SUMS);
        expectGrads(g.dweight, w.dweight, SUMS);
        expectGrads(g.dbias, w.dbias, SUMS);
      }
    });
  }
});

describe('batch_norm2d planners', () => {
  it('reject mismatched shapes and single-value channels in training', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'bn-shape-test');
      const x = empty(ctx, 'x', [1, 2, 1, 1]);
      const v = empty(ctx, 'v', [2]);
      const bad = empty(ctx, 'bad', [3]);
      const stats = { runningMean: v, runningVar: v, saveMean: v, saveInvstd: v };
      expect(() =>
        planBatchNorm2dForward(ctx, { x, y: x, weight: v, bias: v, ...stats, params: { training: true } }),
      ).toThrow(/more than one value per channel/);
      expect(() =>
        planBatchNorm2dForward(ctx, { x, y: x, weight: bad, bias: v, ...stats, params: { training: false } }),
      ).toThrow(/batch_norm2d weight: expected shape \[2\], got \[3\]/);
      expect(() =>
        planBatchNorm2dForward(ctx, { x, y: x, weight: v, ...stats, params: { training: false } }),
      ).toThrow(/weight and bias must be given together/);
      const back = { x, dy: x, saveMean: v, saveInvstd: v, params: { training: false } };
      expect(() => planBatchNorm2dBackward(ctx, { ...back, dweight: v, dbias: v })).toThrow(
        /dweight and dbias are given exactly when the weight is/,
      );
      ctx.arena.destroy();
    });
  });
});
