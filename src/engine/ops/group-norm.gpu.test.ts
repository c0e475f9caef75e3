import { describe, expect, it } from 'vitest';
import { expectClose, type Tolerance } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { groupNormBackward, groupNormForward } from '../reference/group-norm';
import { groupNormCases } from '../reference/norm-fixture';
import { sizeOf } from '../tensor';
import { planGroupNormBackward, planGroupNormForward } from './group-norm';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// GPU float32 against the CPU's float64: elementwise outputs 1e-5; statistics, parameter gradients (sums over
// N*H*W values) and dx, which subtracts per-group sums, 1e-4 relative.
const ELEM: Tolerance = { atol: 1e-5, rtol: 1e-5 };
const SUMS: Tolerance = { atol: 1e-4, rtol: 1e-4 };

interface Layer {
  shape: number[];
  groups: number;
  eps: number;
  /** Null without affine parameters. */
  weight: Float32Array | null;
  bias: Float32Array | null;
  x: Float32Array;
  dy: Float32Array;
}

interface Result {
  y: Float32Array;
  saveMean: Float32Array;
  saveInvstd: Float32Array;
  dx: Float32Array;
  dweight: Float32Array | null;
  dbias: Float32Array | null;
}

async function gpuGroupNorm(l: Layer): Promise<Result> {
  const [n, c] = l.shape;
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'gn-test');
    const affine = l.weight && l.bias;
    const t = {
      x: upload(ctx, 'x', l.x, l.shape),
      dy: upload(ctx, 'dy', l.dy, l.shape),
      y: empty(ctx, 'y', l.shape),
      dx: empty(ctx, 'dx', l.shape),
      weight: affine ? upload(ctx, 'weight', l.weight!, [c]) : null,
      bias: affine ? upload(ctx, 'bias', l.bias!, [c]) : null,
      saveMean: empty(ctx, 'save_mean', [n * l.groups]),
      saveInvstd: empty(ctx, 'save_invstd', [n * l.groups]),
      dweight: affine ? empty(ctx, 'dweight', [c]) : null,
      dbias: affine ? empty(ctx, 'dbias', [c]) : null,
    };
    const params = { groups: l.groups, eps: l.eps };
    run(ctx, planGroupNormForward(ctx, { ...t, params }), planGroupNormBackward(ctx, { ...t, params }));
    const out = {
      y: await read(ctx, t.y),
      saveMean: await read(ctx, t.saveMean),
      saveInvstd: await read(ctx, t.saveInvstd),
      dx: await read(ctx, t.dx),
      dweight: t.dweight ? await read(ctx, t.dweight) : null,
      dbias: t.dbias ? await read(ctx, t.dbias) : null,
    };
    ctx.arena.destroy();
    return out;
  });
}

function cpuGroupNorm(l: Layer): Result {
  const [n, c] = l.shape;
  const out: Result = {
    y: new Float32Array(l.x.length),
    saveMean: new Float32Array(n * l.groups),
    saveInvstd: new Float32Array(n * l.groups),
    dx: new Float32Array(l.x.length),
    dweight: l.weight ? new Float32Array(c) : null,
    dbias: l.weight ? new Float32Array(c) : null,
  };
  const common = {
    x: l.x,
    shape: l.shape,
    weight: l.weight,
    ...out,
    params: { groups: l.groups, eps: l.eps },
  };
  groupNormForward({ ...common, bias: l.bias });
  groupNormBackward({ ...common, dy: l.dy });
  return out;
}

/** Parameter gradients match where both sides have them, and are absent on both without affine. */
function expectGrads(got: Float32Array | null, want: ArrayLike<number> | null | undefined, tol: Tolerance) {
  expect(got === null).toBe(!want);
  if (got && want) expectClose(got, want, tol);
}

const SHAPES: [number[], number][] = [
  [[2, 6, 13, 13], 3],
  [[1, 4, 307, 1], 2],
  [[5, 8, 1, 1], 4],
  [[3, 32, 7, 11], 8],
  [[2, 6, 14, 14], 1],
  [[1, 3, 2, 1], 3],
  [[16, 6, 14, 14], 2],
];

describe('group_norm on the GPU against the CPU reference', () => {
  for (const [i, [shape, groups]] of SHAPES.entries()) {
    for (const affine of [true, false]) {
      it(`[${shape}], ${groups} groups${affine ? '' : ', affine=False'}`, async () => {
        const c = shape[1];
        // An offset mean (3) and spread (2): the variance must not come from E[x^2] - E[x]^2.
        const layer: Layer = {
          shape,
          groups,
          eps: 1e-5,
          weight: affine ? randomArray(c, i + 1, 0.5, 1.5) : null,
          bias: affine ? randomArray(c, i + 2) : null,
          x: randomArray(sizeOf(shape), 100 * i, 1, 5),
          dy: randomArray(sizeOf(shape), 100 * i + 50),
        };
        const got = await gpuGroupNorm(layer);
        const want = cpuGroupNorm(layer);
        expectClose(got.y, want.y, ELEM);
        expectClose(got.saveMean, want.saveMean, SUMS);
        expectClose(got.saveInvstd, want.saveInvstd, SUMS);
        expectClose(got.dx, want.dx, SUMS);
        expectGrads(got.dweight, want.dweight, SUMS);
        expectGrads(got.dbias, want.dbias, SUMS);
      });
    }
  }
});

describe('group_norm on the GPU against PyTorch', () => {
  for (const [i, c] of groupNormCases().entries()) {
    it(`case ${i}: [${c.shape}] ${c.groups} groups${c.affine ? '' : ', affine=False'}`, async () => {
      const f = (v?: number[]) => (v ? Float32Array.from(v) : null);
      const got = await gpuGroupNorm({
        shape: c.shape,
        groups: c.groups,
        eps: c.eps,
        weight: f(c.weight),
        bias: f(c.bias),
        x: Float32Array.from(c.x),
        dy: Float32Array.from(c.dy),
      });
      expectClose(got.y, c.y, ELEM);
      expectClose(got.dx, c.dx, SUMS);
      expectGrads(got.dweight, c.dweight, SUMS);
      expectGrads(got.dbias, c.dbias, SUMS);
    });
  }
});

describe('group_norm planners', () => {
  it('reject a channel count the groups do not divide, mismatched shapes and half-given affine tensors', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'gn-shape-test');
      const x = empty(ctx, 'x', [2, 6, 2, 2]);
      const stats = { saveMean: empty(ctx, 'm', [6]), saveInvstd: empty(ctx, 's', [6]) };
      const w = empty(ctx, 'w', [6]);
      expect(() => planGroupNormForward(ctx, { x, y: x, ...stats, params: { groups: 4 } })).toThrow(
        /num_channels 6 must be divisible by num_groups 4/,
      );
      expect(() => planGroupNormForward(ctx, { x, y: x, ...stats, params: { groups: 2 } })).toThrow(
        /group_norm saveMean: expected shape \[4\], got \[6\]/,
      );
      expect(() =>
        planGroupNormForward(ctx, { x, y: x, weight: w, ...stats, params: { groups: 3 } }),
      ).toThrow(/weight and bias must be given together/);
      expect(() =>
        planGroupNormBackward(ctx, { x, dy: x, ...stats, dweight: w, dbias: w, params: { groups: 3 } }),
      ).toThrow(/dweight and dbias are given exactly when the weight is/);
      ctx.arena.destroy();
    });
  });
});
