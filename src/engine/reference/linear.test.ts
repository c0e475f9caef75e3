import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { loadFixture } from '../fixtures/load';
import { dot, numericGradient, seededValues } from './gradcheck';
import {
  linearBackwardBias,
  linearBackwardInput,
  linearBackwardWeight,
  linearForward,
  type LinearDims,
} from './linear';
import { matmul } from './matmul';

// Fixtures: f32 in PyTorch vs float64 accumulation here, sums of up to 307 terms of magnitude ~4.
const FIXTURE_TOL = { atol: 1e-4, rtol: 1e-5 };
// Finite differences in float64 with h = 1e-6 on a bilinear loss: truncation error is zero, rounding ~1e-9.
const FD_TOL = { atol: 1e-7, rtol: 1e-6 };

interface LinearCase {
  batch: number;
  in_features: number;
  out_features: number;
  [k: string]: number | number[];
}

describe('linear CPU reference', () => {
  const cases = loadFixture('linear').linear as unknown as LinearCase[];

  it('matches PyTorch forward and backward on awkward shapes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) {
      const d = { batch: c.batch, inFeatures: c.in_features, outFeatures: c.out_features };
      const [x, w, b, dy] = (['x', 'weight', 'bias', 'dy'] as const).map((k) =>
        Float32Array.from(c[k] as number[]),
      );
      const y = new Float32Array(d.batch * d.outFeatures);
      expectClose(linearForward(x, w, b, y, d), c.y as number[], FIXTURE_TOL);
      expectClose(linearForward(x, w, b, y, d, true), c.y_relu as number[], FIXTURE_TOL);
      const dx = linearBackwardInput(dy, w, new Float32Array(x.length), d);
      expectClose(dx, c.dx as number[], FIXTURE_TOL);
      expectClose(
        linearBackwardWeight(dy, x, new Float32Array(w.length), d),
        c.dweight as number[],
        FIXTURE_TOL,
      );
      expectClose(
        linearBackwardBias(dy, new Float32Array(d.outFeatures), d),
        c.dbias as number[],
        FIXTURE_TOL,
      );
    }
  });

  it('has gradients that agree with central finite differences (float64)', () => {
    const d: LinearDims = { batch: 3, inFeatures: 5, outFeatures: 4 };
    const x = seededValues(15, 1);
    const w = seededValues(20, 2);
    const b = seededValues(4, 3);
    const dy = seededValues(12, 4);
    const y = new Float64Array(12);
    const loss = () => dot(linearForward(x, w, b, y, d), dy);
    expectClose(linearBackwardInput(dy, w, new Float64Array(15), d), numericGradient(loss, x), FD_TOL);
    expectClose(linearBackwardWeight(dy, x, new Float64Array(20), d), numericGradient(loss, w), FD_TOL);
    expectClose(linearBackwardBias(dy, new Float64Array(4), d), numericGradient(loss, b), FD_TOL);
  });

  it('computes every transpose of matmul consistently with the plain product', () => {
    const [m, n, k] = [3, 5, 4];
    const a = seededValues(m * k, 5);
    const b = seededValues(k * n, 6);
    const plain = matmul(a, b, new Float64Array(m * n), { m, n, k });
    const at = new Float64Array(m * k);
    const bt = new Float64Array(k * n);
    for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) at[p * m + i] = a[i * k + p];
    for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) bt[j * k + p] = b[p * n + j];
    const both = matmul(at, bt, new Float64Array(m * n), { m, n, k, transA: true, transB: true });
    expectClose(both, plain, { atol: 1e-12, rtol: 0 });
    expect(() => matmul(a, b, new Float64Array(2), { m, n, k })).toThrow(/too small/);
  });
});
