import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { accumulate, addForward } from './add';
import { dot, numericGradient, seededValues } from './gradcheck';
import { graphCases } from './graph-fixture';

// Sums of two multiples of 1/64 are exact in f32.
const EXACT = { atol: 0, rtol: 0 };
const FD_TOL = { atol: 1e-7, rtol: 1e-6 };

describe('add and accumulate CPU reference', () => {
  const { add, fan_out } = graphCases();

  it('matches PyTorch: y = a + b, and da = db = dy', () => {
    expect(add.map((c) => c.shape)).toEqual([[2, 3, 5, 7], [4, 8], [1]]);
    for (const c of add) {
      expectClose(
        addForward(Float32Array.from(c.a), Float32Array.from(c.b), new Float32Array(c.y.length)),
        c.y,
        EXACT,
      );
      expectClose(c.da, c.dy, EXACT);
      expectClose(c.db, c.dy, EXACT);
    }
  });

  it("sums a fan-out's gradients as PyTorch's autograd does", () => {
    for (const c of fan_out) {
      const dx = Float32Array.from(c.dy1);
      expectClose(accumulate(Float32Array.from(c.dy2), dx), c.dx, EXACT);
    }
  });

  it('has gradients that agree with central finite differences', () => {
    const n = 13;
    const [a, b, c, dy1, dy2] = [1, 2, 3, 4, 5].map((s) => seededValues(n, s));
    const y = new Float64Array(n);
    // d/da sum(dy1 (a + b)) = dy1.
    expectClose(
      dy1,
      numericGradient((v) => dot(addForward(v, b, y), dy1), a),
      FD_TOL,
    );
    // x feeding two sums: d/dx [dy1·(x + b) + dy2·(x + c)] = dy1 + dy2.
    const loss = (x: Float64Array) => dot(addForward(x, b, y), dy1) + dot(addForward(x, c, y), dy2);
    expectClose(accumulate(dy2, Float64Array.from(dy1)), numericGradient(loss, a), FD_TOL);
  });

  it('rejects tensors of different sizes with a specific message', () => {
    expect(() => addForward(new Float32Array(3), new Float32Array(4), new Float32Array(3))).toThrow(
      'add: 3 and 4 elements differ',
    );
    expect(() => accumulate(new Float32Array(2), new Float32Array(5))).toThrow(
      'accumulate: 2 and 5 elements differ',
    );
  });
});
