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
import {
  activationUsesVec4,
  planActivationBackward,
  planActivationForward,
  type ActivationParams,
} from './activation';
import { empty, randomArray, read, run, testContext, upload } from './testing/gpu-context';

// Elementwise f32: exp/tanh implementations differ by a few ulps; GELU's erf approximation is within 1.3e-7.
const TOL = { atol: 1e-6, rtol: 1e-5 };
const KINDS: ActivationKind[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh', 'gelu', 'gelu_tanh', 'silu', 'elu'];

async function gpuActivation(kind: ActivationKind, x: Float32Array, dy: Float32Array, p: ActivationParams) {
  return gpuCheck(async (device) => {
    const ctx = testContext(device, kind);
    const n = x.length;
    const xs = upload(ctx, 'x', x, [n]);
    const y = empty(ctx, 'y', [n]);
    const dx = empty(ctx, 'dx', [n]);
    run(ctx, planActivationForward(ctx, { kind, x: xs, y, ...p }));
    run(
      ctx,
      planActivationBackward(ctx, {
        kind,
        saved: savesInput(kind) ? xs : y,
        dy: upload(ctx, 'dy', dy, [n]),
        dx,
        ...p,
      }),
    );
    const out = { y: await read(ctx, y), dx: await read(ctx, dx) };
    ctx.arena.destroy();
    return out;
  });
}

/** The CPU reference (float64 inside) for the same inputs. */
function cpuActivation(kind: ActivationKind, x: Float32Array, dy: Float32Array, p: ActivationParams) {
  const y = activationForward(kind, x, new Float32Array(x.length), p.slope, p.alpha);
  const saved = savesInput(kind) ? x : y;
  return { y, dx: activationBackward(kind, saved, dy, new Float32Array(x.length), p.slope, p.alpha) };
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

  it('match PyTorch forward and backward (gradient at 0, large magnitudes), on both kernels', async () => {
    for (const c of activationCases()) {
      // 37 values take the one-element kernel; the first 36 the vec4 kernel.
      for (const n of [c.x.length, 36]) {
        const x = Float32Array.from(c.x.slice(0, n));
        const dy = Float32Array.from(c.dy.slice(0, n));
        const out = await gpuActivation(c.kind, x, dy, { slope: c.slope, alpha: c.alpha });
        expectClose(out.y, c.y.slice(0, n), TOL);
        expectClose(out.dx, c.dx.slice(0, n), TOL);
      }
    }
  });

  // Sizes not a multiple of 4 take the one-element kernels, the others the vec4 kernels; the largest of
  // each folds its grid into 2-D past 65535 workgroups of 64 threads.
  it('match the CPU reference on both kernels, and past 65535 workgroups of 64', async () => {
    for (const n of [1, 4, 307, 308, 64 * 65535 + 5, 4 * (64 * 65535 + 3)]) {
      const x = randomArray(n, n, -6, 6);
      const dy = randomArray(n, n + 1);
      for (const kind of n > 308 ? (['relu'] as ActivationKind[]) : KINDS) {
        const p = { slope: 0.05, alpha: 0.7 };
        const out = await gpuActivation(kind, x, dy, p);
        const want = cpuActivation(kind, x, dy, p);
        expectClose(out.y, want.y, TOL);
        expectClose(out.dx, want.dx, TOL);
      }
    }
  });

  // erf's approximation switches from its series to erfc at |v| = 0.75, i.e. x = ±1.06 for GELU; a dense
  // grid over [-8, 8] crosses both switches on both kernels. The bound is erf's 1.3e-7 plus f32 rounding.
  it('compute exact GELU to about 2e-7 of the float64 reference, across the erf switch points', async () => {
    for (const n of [4001, 4000]) {
      const x = Float32Array.from({ length: n }, (_, i) => -8 + (16 * i) / (n - 1));
      const dy = Float32Array.from({ length: n }, () => 1);
      const out = await gpuActivation('gelu', x, dy, {});
      const want = cpuActivation('gelu', x, dy, {});
      expectClose(out.y, want.y, { atol: 2e-7, rtol: 2e-7 });
      expectClose(out.dx, want.dx, { atol: 3e-7, rtol: 2e-7 });
    }
  });
});
