import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { activationBackward, activationForward, savesInput, type ActivationKind } from './activation';
import { activationCases, erfCase } from './activation-fixture';
import { erf, erfc } from './erf';
import { dot, numericGradient, seededValues } from './gradcheck';

// PyTorch computes in f32; these in float64 and store f32: a few ulps apart.
const FIXTURE_TOL = { atol: 1e-6, rtol: 1e-5 };
// Central differences with h = 1e-6 on smooth functions: error ~h² f''' + rounding ~1e-10/h.
const FD_TOL = { atol: 1e-6, rtol: 1e-5 };
const KINDS: ActivationKind[] = ['relu', 'leaky_relu', 'sigmoid', 'tanh', 'gelu', 'gelu_tanh', 'silu', 'elu'];

describe('activation CPU reference', () => {
  const cases = activationCases();

  it('matches PyTorch forward and backward, including the gradient at exactly 0', () => {
    expect(cases.map((c) => c.kind)).toEqual([
      'relu',
      'leaky_relu',
      'leaky_relu',
      'sigmoid',
      'tanh',
      'gelu',
      'gelu_tanh',
      'silu',
      'elu',
      'elu',
    ]);
    for (const c of cases) {
      const x = Float32Array.from(c.x);
      const y = activationForward(c.kind, x, new Float32Array(x.length), c.slope, c.alpha);
      expectClose(y, c.y, FIXTURE_TOL);
      const saved = savesInput(c.kind) ? x : y;
      const dx = activationBackward(
        c.kind,
        saved,
        Float32Array.from(c.dy),
        new Float32Array(x.length),
        c.slope,
        c.alpha,
      );
      expectClose(dx, c.dx, FIXTURE_TOL);
    }
  });

  it('gives the same ReLU/LeakyReLU gradient from the output as from the input (fused Linear+ReLU)', () => {
    const x = Float32Array.from([-2, -0, 0, 1e-30, 3, -1e-30]);
    const dy = Float32Array.from([1, 2, 3, 4, 5, 6]);
    for (const kind of ['relu', 'leaky_relu'] as const) {
      const y = activationForward(kind, x, new Float32Array(6), 0.1);
      const fromX = activationBackward(kind, x, dy, new Float32Array(6), 0.1);
      expect(Array.from(activationBackward(kind, y, dy, new Float32Array(6), 0.1))).toEqual(
        Array.from(fromX),
      );
    }
  });

  it('has gradients that agree with central finite differences away from the kinks', () => {
    // Values kept off 0, where ReLU's and ELU's derivatives jump.
    const x = seededValues(23, 7, -3, 3).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
    const dy = seededValues(23, 8);
    for (const kind of KINDS) {
      const y = new Float64Array(23);
      const loss = (v: Float64Array) => dot(activationForward(kind, v, y, 0.2, 0.7), dy);
      activationForward(kind, x, y, 0.2, 0.7);
      const saved = savesInput(kind) ? x : Float64Array.from(y);
      const analytic = activationBackward(kind, saved, dy, new Float64Array(23), 0.2, 0.7);
      expectClose(analytic, numericGradient(loss, x), FD_TOL);
    }
  });

  it('computes erf and erfc in float64 to PyTorch float64 erf over [-6, 6]', () => {
    const c = erfCase();
    // The fixture keeps 8 significant digits: up to 5e-8 relative.
    expectClose(c.x.map(erf), c.erf, { atol: 1e-15, rtol: 5e-8 });
    expectClose(
      c.x.map(erfc),
      c.erf.map((v) => 1 - v),
      { atol: 1e-8, rtol: 0 },
    );
    // erfc keeps its relative accuracy far into the tail, where 1 - erf would round to 0.
    expect(erfc(10) / 2.088487583762545e-45).toBeCloseTo(1, 12);
    expect(erfc(-10)).toBe(2);
    expect([erf(0), erf(Infinity), erf(-Infinity), erfc(Infinity)]).toEqual([0, 1, -1, 0]);
  });
});
