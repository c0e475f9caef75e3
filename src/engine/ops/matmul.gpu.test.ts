import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { matmul, reduceRows } from '../reference/matmul';
import { chooseMatmulPlan, planMatmul, planReduceRows, reduceRowsUsesVec4 } from './matmul';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// f32 sums of up to 307 products of values in [-1, 1): the GPU and the float64-accumulating reference
// differ by rounding only.
const TOL = { atol: 1e-5, rtol: 1e-4 };
const SIZES = [1, 3, 4, 5, 16, 17, 64, 307];
/** [transA, transB]: every combination. */
const TRANSPOSES = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const;

async function check(m: number, n: number, k: number, transA: boolean, transB: boolean, extra = {}) {
  const opts = { bias: false, relu: false, splitK: undefined as number | undefined, shared: false, ...extra };
  const seed = m * 1000003 + n * 1009 + k * 7 + Number(transA) * 2 + Number(transB);
  const a = randomArray(m * k, seed);
  const b = randomArray(k * n, seed + 1);
  const bias = opts.bias ? randomArray(n, seed + 2) : null;
  const expected = matmul(a, b, new Float32Array(m * n), {
    m,
    n,
    k,
    transA,
    transB,
    bias,
    activation: opts.relu ? 'relu' : 'none',
  });
  const got = await gpuCheck(async (device) => {
    const ctx = testContext(device);
    const c = empty(ctx, 'c', [m, n]);
    run(
      ctx,
      planMatmul(ctx, {
        a: upload(ctx, 'a', a, transA ? [k, m] : [m, k]),
        b: upload(ctx, 'b', b, transB ? [n, k] : [k, n]),
        c,
        bias: bias ? upload(ctx, 'bias', bias, [n]) : undefined,
        transA,
        transB,
        activation: opts.relu ? 'relu' : 'none',
        splitK: opts.splitK,
        preferSharedMemory: opts.shared,
      }),
    );
    const out = await read(ctx, c);
    ctx.arena.destroy();
    return out;
  });
  expectClose(got, expected, TOL);
}

describe('matmul on WebGPU vs the CPU reference', () => {
  it('matches on every transpose combination over awkward sizes', async () => {
    // A seeded sample of the 8³ size grid (all of it would take minutes on SwiftShader), always with 307.
    const pick = randomArray(64, 42, 0, SIZES.length);
    for (let i = 0; i < 16; i++) {
      const [m, n, k] = [pick[3 * i], pick[3 * i + 1], pick[3 * i + 2]].map((v) => SIZES[Math.floor(v)]);
      for (const [ta, tb] of TRANSPOSES) {
        await check(m, n, k, ta, tb);
      }
    }
    // 8x8 thread tiles whose second blocks are partial (37 = 32 + 5, 46 = 40 + 6).
    await check(37, 46, 9, false, false);
    await check(46, 37, 16, true, true);
    await check(307, 5, 17, false, true);
    await check(17, 307, 5, true, false);
    await check(5, 17, 307, true, true);
  });

  it('fuses bias and ReLU', async () => {
    await check(5, 13, 307, false, true, { bias: true, relu: true });
    await check(1, 3, 7, false, true, { bias: true });
    await check(64, 17, 16, false, false, { relu: true });
  });

  it('splits K deterministically for small outputs with a long K', async () => {
    expect(chooseMatmulPlan(10, 84, 512).splits).toBeGreaterThan(1);
    expect(chooseMatmulPlan(1024, 1024, 1024).splits).toBe(1);
    await check(10, 84, 512, true, false);
    await check(3, 7, 307, true, false, { splitK: 5 });
    await check(3, 7, 5, false, false, { splitK: 2 });
  });

  it('gives the same results with the workgroup-memory tiled variant', async () => {
    for (const [ta, tb] of TRANSPOSES) {
      await check(ta === tb ? 67 : 13, 5, 17, ta, tb, { shared: true });
    }
    await check(3, 70, 33, false, true, { shared: true, bias: true, relu: true });
    await check(5, 7, 307, true, false, { shared: true, splitK: 3 });
  });

  // Column counts that are a multiple of 4 take the vec4 kernel; LeNet's split-K and bias shapes included.
  it('reduces rows in order with both kernels', async () => {
    expect([1, 3, 4, 10, 84, 4097].map(reduceRowsUsesVec4)).toEqual([false, false, true, false, true, false]);
    const shapes = [
      [307, 3],
      [1, 1],
      [1, 4],
      [5, 8],
      [64, 10],
      [64, 84],
      [2, 10080],
      [3, 4097],
    ];
    for (const [rows, cols] of shapes) {
      const x = randomArray(rows * cols, rows * 31 + cols);
      const got = await gpuCheck(async (device) => {
        const ctx = testContext(device);
        const out = empty(ctx, 'out', [cols]);
        run(ctx, planReduceRows(ctx, upload(ctx, 'x', x, [rows, cols]), out));
        const result = await read(ctx, out);
        ctx.arena.destroy();
        return result;
      });
      expectClose(got, reduceRows(x, new Float32Array(cols), rows, cols), TOL);
    }
  });

  it('rejects mismatched shapes with a specific message', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device);
      const a = empty(ctx, 'a', [3, 4]);
      const b = empty(ctx, 'b', [5, 2]);
      expect(() => planMatmul(ctx, { a, b, c: empty(ctx, 'c', [3, 2]) })).toThrow(/inner sizes differ/);
      expect(() => planMatmul(ctx, { a, b: empty(ctx, 'b2', [4, 2]), c: empty(ctx, 'c2', [2, 3]) })).toThrow(
        /expected shape \[3,2\]/,
      );
    });
  });
});
