import { describe, expect, it } from 'vitest';
import { gpuCheck } from '../../gpu/testing/test-device';
import { dropoutBackward, dropoutForward, type DropoutParams } from '../reference/dropout';
import { createDropoutMask, planDropoutBackward, planDropoutForward } from './dropout';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// The mask is integer arithmetic and the scale one float32 multiply, so GPU and CPU must agree exactly.
async function checkDropout(n: number, params: DropoutParams, steps: number[]) {
  const x = randomArray(n, n + 1, 0.1, 2);
  const dy = randomArray(n, n + 2);
  const got = await gpuCheck(async (device) => {
    const ctx = testContext(device, 'dropout-test');
    const t = {
      x: upload(ctx, 'x', x, [n]),
      y: empty(ctx, 'y', [n]),
      dy: upload(ctx, 'dy', dy, [n]),
      dx: empty(ctx, 'dx', [n]),
    };
    const mask = createDropoutMask(ctx, params, n);
    const forward = planDropoutForward(ctx, { x: t.x, y: t.y, mask });
    const backward = planDropoutBackward(ctx, { dy: t.dy, dx: t.dx, mask });
    const out = [];
    // The ops are planned once; only the step changes between runs, as in a training loop.
    for (const step of steps) {
      mask.setStep(step);
      run(ctx, forward, backward);
      out.push({ y: await read(ctx, t.y), dx: await read(ctx, t.dx) });
    }
    ctx.arena.destroy();
    return out;
  });
  for (const [k, step] of steps.entries()) {
    const want = { y: new Float32Array(n), dx: new Float32Array(n) };
    dropoutForward({ x, y: want.y, params, step });
    dropoutBackward({ dy, dx: want.dx, params, step });
    expect(got[k].y).toEqual(want.y);
    expect(got[k].dx).toEqual(want.dx);
  }
  return { x, got };
}

describe('dropout on the GPU against the CPU reference (bit-exact mask)', () => {
  it('307 elements, p = 0.3, over several steps', () =>
    checkDropout(307, { p: 0.3, seed: 5, training: true }, [0, 1, 2, 1000]));

  it('10007 elements, p = 0.5, large seed and step (u32 wrap-around)', async () => {
    const { got } = await checkDropout(10007, { p: 0.5, seed: 0xfffffff0, training: true }, [0xfffffffe, 7]);
    const dropped = got[0].y.filter((v) => v === 0).length / 10007;
    expect(Math.abs(dropped - 0.5)).toBeLessThan(0.02);
    // Masks of different steps differ.
    expect(got[0].y).not.toEqual(got[1].y);
  });

  it('eval is the identity and p = 1 gives zeros', async () => {
    const { x, got } = await checkDropout(64, { p: 0.5, seed: 1, training: false }, [3]);
    expect(got[0].y).toEqual(x);
    const ones = await checkDropout(65, { p: 1, seed: 1, training: true }, [3]);
    expect(ones.got[0].y.every((v) => v === 0)).toBe(true);
  });

  it('rejects a tensor that does not fit the mask and a bad step', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'dropout-shape-test');
      const mask = createDropoutMask(ctx, { p: 0.5, seed: 1, training: true }, 10);
      const x = empty(ctx, 'x', [11]);
      expect(() => planDropoutForward(ctx, { x, y: x, mask })).toThrow(
        /mask made for 10 elements, got \[11\]/,
      );
      expect(() => mask.setStep(-1)).toThrow(/step must be an integer/);
      ctx.arena.destroy();
    });
  });
});
