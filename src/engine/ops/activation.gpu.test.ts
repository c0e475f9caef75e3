import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import {
  activationBackward,
  activationForward,
  savesInput,
  type ActivationKind,
} from '../reference/activation';
import { activationCases } from '../reference/activation-fixture';
import { activationUsesVec4, planActivationBackward, planActivationForward } from './activation';
import { empty, randomArray, read, run, testContext, upload } from './test-utils';

// Elementwise f32: exp/tanh implementations differ by a few ulps.
const TOL = { atol: 1e-6, rtol: 1e-5 };
const KINDS: ActivationKind[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh'];

async function gpuActivation(kind: ActivationKind, x: Float32Array, dy: Float32Array, slope?: number) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, kind);
    const n = x.length;
    const xs = upload(ctx, 'x', x, [n]);
    const y = empty(ctx, 'y', [n]);
    const dx = empty(ctx, 'dx', [n]);
    run(ctx, planActivationForward(ctx, { kind, x: xs, y, slope }));
    run(
      ctx,
      planActivationBackward(ctx, {
        kind,
        saved: savesInput(kind) ? xs : y,
        dy: upload(ctx, 'dy', dy, [n]),
        dx,
        slope,
      }),
    );
    const out = { y: await read(ctx, y), dx: await read(ctx, dx) };
    ctx.arena.destroy();
    return out;
  });
}

describe('activations on WebGPU', () => {
  it('take the vec4 kernels exactly where the size is a multiple of 4', () => {
    expect([1, 3, 4, 307, 308, 64 * 84].map(activationUsesVec4)).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
    ]);
  });

  it('match PyTorch forward and backward (gradient at 0, large magnitudes)', async () => {
    for (const c of activationCases()) {
      const out = await gpuActivation(c.kind, Float32Array.from(c.x), Float32Array.from(c.dy), c.slope);
      expectClose(out.y, c.y, TOL);
      expectClose(out.dx, c.dx, TOL);
    }
  });

  // Sizes not a multiple of 4 take the one-element kernels, the others the vec4 kernels; the largest of
  // each folds its grid into 2-D past 65535 workgroups of 64 threads.
  it('match the CPU reference on both kernels, and past 65535 workgroups of 64', async () => {
    for (const n of [1, 4, 307, 308, 64 * 65535 + 5, 4 * (64 * 65535 + 3)]) {
      const x = randomArray(n, n, -6, 6);
      const dy = randomArray(n, n + 1);
      for (const kind of n > 308 ? (['relu'] as ActivationKind[]) : KINDS) {
        const out = await gpuActivation(kind, x, dy, 0.05);
        const y = activationForward(kind, x, new Float32Array(n), 0.05);
        expectClose(out.y, y, TOL);
        const saved = savesInput(kind) ? x : y;
        expectClose(out.dx, activationBackward(kind, saved, dy, new Float32Array(n), 0.05), TOL);
      }
    }
  });
});
