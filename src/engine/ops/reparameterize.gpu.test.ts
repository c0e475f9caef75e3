import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { loadFixture } from '../fixtures/load';
import {
  reparameterizeBackward,
  reparameterizeForward,
  type ReparameterizeParams,
} from '../reference/reparameterize';
import { planReparameterize } from './reparameterize';
import { empty, randomArray, read, run, testContext, upload } from './test-utils';

// The noise is integer hashing then float32 log, sqrt, cos and exp on the GPU (float64 on the CPU): a few
// float32 ulps apart, more where log σ² is large.
const TOL = { atol: 2e-5, rtol: 2e-5 };

async function onGpu(
  batch: number,
  params: ReparameterizeParams,
  x: Float32Array,
  dy: Float32Array,
  steps: number[],
) {
  const d = params.latent;
  return gpuCheck(async (device) => {
    const ctx = testContext(device, 'reparameterize-test');
    const t = {
      x: upload(ctx, 'x', x, [batch, 2 * d]),
      y: empty(ctx, 'y', [batch, d]),
      dy: upload(ctx, 'dy', dy, [batch, d]),
      dx: empty(ctx, 'dx', [batch, 2 * d]),
    };
    const ops = planReparameterize(ctx, { ...t, params });
    const out = [];
    // Planned once; only the step changes between runs, as in a training loop.
    for (const step of steps) {
      ops.setStep(step);
      run(ctx, ops.forward, ops.backward!);
      out.push({ y: await read(ctx, t.y), dx: await read(ctx, t.dx) });
    }
    ctx.arena.destroy();
    return out;
  });
}

async function check(batch: number, params: ReparameterizeParams, steps: number[], spread = 1) {
  const d = params.latent;
  const x = randomArray(2 * batch * d, batch + d, -spread, spread);
  const dy = randomArray(batch * d, batch + d + 1);
  const got = await onGpu(batch, params, x, dy, steps);
  for (const [k, step] of steps.entries()) {
    const y = new Float32Array(batch * d);
    const dx = new Float32Array(2 * batch * d);
    reparameterizeForward({ x, y, params, step });
    reparameterizeBackward({ x, dy, dx, params, step });
    expectClose(got[k].y, y, TOL);
    expectClose(got[k].dx, dx, TOL);
  }
  return got;
}

describe('reparameterize on the GPU (a VAE sampling step with its KL gradient) against the CPU reference', () => {
  it('307 rows of latent 2 over several steps; the noise changes with the step', async () => {
    const got = await check(307, { latent: 2, seed: 5, training: true, klScale: 1 / 784 }, [0, 1, 1000]);
    expect(got[0].y).not.toEqual(got[1].y);
  });

  it('odd sizes: 13 rows of latent 5 (65 threads), large log-variances, u32 wrap-around of seed and step', () =>
    check(13, { latent: 5, seed: 0xfffffff0, training: true, klScale: 0.7 }, [0xfffffffe, 3], 3));

  it('eval gives μ and passes dy to μ only', async () => {
    const [got] = await check(9, { latent: 3, seed: 1, training: false, klScale: 2 }, [4]);
    expect(Array.from(got.dx.slice(3, 6))).toEqual([0, 0, 0]);
  });

  it("matches PyTorch's fixture", async () => {
    const c = loadFixture('vae').reparameterize[1] as {
      batch: number;
      latent: number;
      step: number;
      seed: number;
      kl_scale: number;
      x: number[];
      dz: number[];
      z: number[];
      dx: number[];
    };
    const params = { latent: c.latent, seed: c.seed, training: true, klScale: c.kl_scale };
    const [got] = await onGpu(c.batch, params, Float32Array.from(c.x), Float32Array.from(c.dz), [c.step]);
    expectClose(got.y, c.z, TOL);
    expectClose(got.dx, c.dx, TOL);
  });

  it('refuses mismatched shapes and a bad step', async () => {
    await gpuCheck((device) => {
      const ctx = testContext(device, 'reparameterize-shape-test');
      const params = { latent: 2, seed: 1, training: true, klScale: 0 };
      const y = empty(ctx, 'y', [3, 2]);
      expect(() =>
        planReparameterize(ctx, { x: empty(ctx, 'x', [3, 3]), y, dy: y, dx: null, params }),
      ).toThrow('reparameterize: x [3,3] must hold 2·2 values per row of y [3,2]');
      const ops = planReparameterize(ctx, { x: empty(ctx, 'x2', [3, 4]), y, dy: y, dx: null, params });
      expect(ops.backward).toBeNull();
      expect(() => ops.setStep(-1)).toThrow('step must be an integer');
      ctx.arena.destroy();
    });
  });
});
