import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { dot, numericGradient, seededValues } from './gradcheck';
import { graphCases } from './graph-fixture';
import { softmaxBackward, softmaxForward } from './softmax';

const FIXTURE_TOL = { atol: 1e-7, rtol: 1e-5 };
const FD_TOL = { atol: 1e-7, rtol: 1e-5 };
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('softmax (dim=1) CPU reference', () => {
  it('matches PyTorch on [B,N] and [B,C,H,W], with inputs in the hundreds and a single channel', () => {
    const cases = graphCases().softmax;
    expect(cases.map((c) => c.shape)).toEqual([
      [4, 10],
      [3, 7],
      [2, 5, 3, 3],
      [2, 1, 2, 3],
      [1, 3, 1, 5],
    ]);
    for (const c of cases) {
      const y = softmaxForward({
        x: Float32Array.from(c.x),
        y: new Float32Array(c.x.length),
        shape: c.shape,
      });
      expectClose(y, c.y, FIXTURE_TOL);
      const dx = softmaxBackward({
        y,
        dy: Float32Array.from(c.dy),
        dx: new Float32Array(c.x.length),
        shape: c.shape,
      });
      expectClose(dx, c.dx, FIXTURE_TOL);
    }
  });

  it('has gradients that agree with central finite differences', () => {
    for (const shape of [
      [3, 6],
      [2, 4, 2, 3],
    ]) {
      const x = seededValues(size(shape), 9, -3, 3);
      const dy = seededValues(size(shape), 10);
      const y = new Float64Array(x.length);
      const loss = (v: Float64Array) => dot(softmaxForward({ x: v, y, shape }), dy);
      softmaxForward({ x, y, shape });
      const dx = softmaxBackward({ y: Float64Array.from(y), dy, dx: new Float64Array(x.length), shape });
      expectClose(dx, numericGradient(loss, x), FD_TOL);
    }
  });

  it('stays finite where exp would overflow, and sums to 1 at every pixel', () => {
    const shape = [1, 3, 2];
    const x = Float32Array.from([1000, -1000, 1001, 0, 999, 1000]);
    const y = softmaxForward({ x, y: new Float32Array(6), shape });
    expect(y.every(Number.isFinite)).toBe(true);
    expect(y[0] + y[2] + y[4]).toBeCloseTo(1, 6);
    expect(y[1] + y[3] + y[5]).toBeCloseTo(1, 6);
  });

  it('rejects a tensor without a dim 1, with a specific message', () => {
    expect(() => softmaxForward({ x: new Float32Array(3), y: new Float32Array(3), shape: [3] })).toThrow(
      'softmax: input must be [B, N] or [B, C, ...] with every dimension >= 1, got [3]',
    );
  });
});
