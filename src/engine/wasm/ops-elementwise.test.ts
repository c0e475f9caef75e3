import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps } from '../cpu-ops';
import { activationForward, savesInput, type ActivationKind } from '../reference/activation';
import { activationCases } from '../reference/activation-fixture';
import { randomFloat32 } from '../reference/testing/conv';
import { expectSameBits } from './testing/bits';
import { wasmSuite } from './testing/suite';

const KINDS: ActivationKind[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh'];
// ReLU and dropout are exact; sigmoid and tanh are float64 in both, leaky_relu's slope float32 here.
const TOL = { atol: 1e-7, rtol: 1e-6 };

/** Within tolerance, where NaN matches NaN and an infinity the same infinity (expectClose takes neither). */
function expectSame(got: ArrayLike<number>, want: ArrayLike<number>) {
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  for (let i = 0; i < want.length; i++) {
    if (Object.is(got[i], want[i]) || (Number.isNaN(got[i]) && Number.isNaN(want[i]))) continue;
    if (!Number.isFinite(got[i]) || !Number.isFinite(want[i])) expect([i, got[i]]).toEqual([i, want[i]]);
  }
  expectClose(Array.from(got, finite), Array.from(want, finite), TOL);
}

/** Values with zeros of both signs, NaN and tiny values at awkward positions, length 307. */
function awkward(): Float32Array {
  const x = randomFloat32(307, 9).map((v) => 6 * v);
  x.set([0, -0, NaN, 1e-30, -1e-30, Infinity, -Infinity], 100);
  return x;
}

describe('wasm activations match the reference', () => {
  const suite = wasmSuite();
  for (const kind of KINDS) {
    it(`${kind}: forward and backward on 307 values with NaN, +-0 and infinities`, () => {
      const w = suite.staged();
      const x = awkward();
      const dy = randomFloat32(x.length, 10);
      const y = w.activationForward(kind, x, new Float32Array(x.length).fill(7), 0.2);
      const yRef = referenceOps.activationForward(kind, x, new Float32Array(x.length), 0.2);
      expectSame(y, yRef);
      const saved = savesInput(kind) ? x : yRef;
      const dx = w.activationBackward(kind, saved, dy, new Float32Array(x.length).fill(7), 0.2);
      const dxRef = referenceOps.activationBackward(kind, saved, dy, new Float32Array(x.length), 0.2);
      expectSame(dx, dxRef);
    });
  }

  it('matches the PyTorch golden fixtures, including the gradient at exactly 0', () => {
    const w = suite.staged();
    for (const c of activationCases()) {
      const x = Float32Array.from(c.x);
      const y = w.activationForward(c.kind, x, new Float32Array(x.length), c.slope, c.alpha);
      expectClose(y, c.y, { atol: 1e-6, rtol: 1e-5 });
      const dx = w.activationBackward(
        c.kind,
        savesInput(c.kind) ? x : y,
        Float32Array.from(c.dy),
        new Float32Array(x.length),
        c.slope,
        c.alpha,
      );
      expectClose(dx, c.dx, { atol: 1e-6, rtol: 1e-5 });
    }
  });

  it('runs the activations it has no kernel for (GELU, SiLU, ELU) on the reference, in its memory', () => {
    const ops = suite.ops();
    for (const kind of ['gelu', 'gelu_tanh', 'silu', 'elu'] as ActivationKind[]) {
      const x = ops.alloc(7);
      x.set([-3, -1, -0.5, 0, 0.5, 1, 3]);
      const want = activationForward(kind, x, new Float32Array(7), undefined, 0.7);
      expectClose(ops.activationForward(kind, x, ops.alloc(7), undefined, 0.7), want, { atol: 0, rtol: 0 });
    }
  });
});

describe('wasm dropout draws the reference mask bit for bit', () => {
  const suite = wasmSuite();
  for (const [p, n] of [
    [0.1, 307],
    [0.5, 10_001],
    [0.8, 64],
    [0, 5],
    [1, 9],
  ] as const) {
    it(`p = ${p} on ${n} elements, forward and backward`, () => {
      const w = suite.staged();
      const x = randomFloat32(n, 11);
      for (const [seed, step, training] of [
        [7, 3, true],
        [0xffffffff, 0xfffffffe, true],
        [1, 1, false],
      ] as const) {
        const params = { p, seed, training };
        const y = new Float32Array(n).fill(NaN);
        const yRef = new Float32Array(n);
        w.dropoutForward({ x, y, params, step });
        referenceOps.dropoutForward({ x, y: yRef, params, step });
        expectSameBits(y, yRef, 'y');
        const dx = new Float32Array(n).fill(NaN);
        w.dropoutBackward({ dy: x, dx, params, step });
        expectSameBits(dx, yRef, 'dx');
      }
    });
  }

  it('refuses what the reference refuses', () => {
    const w = suite.staged();
    const x = new Float32Array(4);
    expect(() => w.dropoutForward({ x, y: x, params: { p: 2, seed: 1, training: true }, step: 0 })).toThrow(
      /p must be in \[0, 1\], got 2/,
    );
    expect(() =>
      w.dropoutForward({ x, y: new Float32Array(3), params: { p: 0.5, seed: 1, training: true }, step: 0 }),
    ).toThrow(/4 inputs but 3 outputs/);
    expect(() =>
      w.dropoutForward({ x, y: x, params: { p: 0.5, seed: 1, training: true }, step: -1 }),
    ).toThrow(/step must be/);
  });
});
