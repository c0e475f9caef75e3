import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { adaptiveAvgPool2dGeometry, adaptivePooledShape } from '../ops/adaptive-pool-geometry';
import { adaptiveAvgPool2dBackward, adaptiveAvgPool2dForward } from './adaptive-avg-pool';
import { dot, numericGradient, seededValues } from './gradcheck';
import { graphCases } from './graph-fixture';

const FIXTURE_TOL = { atol: 1e-6, rtol: 1e-6 };
const FD_TOL = { atol: 1e-7, rtol: 1e-6 };
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('adaptive_avg_pool2d CPU reference', () => {
  for (const [i, c] of graphCases().adaptive_avg_pool2d.entries()) {
    it(`case ${i}: matches PyTorch AdaptiveAvgPool2d(${c.output_size}) on [${c.shape}]`, () => {
      const g = adaptiveAvgPool2dGeometry(c.shape, c.output_size);
      expect(size(adaptivePooledShape(g))).toBe(c.y.length);
      const args = { shape: c.shape, outputSize: c.output_size };
      const y = adaptiveAvgPool2dForward({
        ...args,
        x: Float32Array.from(c.x),
        y: new Float32Array(c.y.length),
      });
      expectClose(y, c.y, FIXTURE_TOL);
      const dx = adaptiveAvgPool2dBackward({
        ...args,
        dy: Float32Array.from(c.dy),
        dx: new Float32Array(c.x.length),
      });
      expectClose(dx, c.dx, FIXTURE_TOL);
    });
  }

  it('has a backward that is the adjoint of the forward (finite differences)', () => {
    const shape = [2, 1, 5, 7];
    for (const outputSize of [1, [3, 2], [7, 9]] as const) {
      const x = seededValues(size(shape), 5);
      const yShape = adaptivePooledShape(adaptiveAvgPool2dGeometry(shape, outputSize));
      const dy = seededValues(size(yShape), 6);
      const y = new Float64Array(size(yShape));
      const loss = (v: Float64Array) => dot(adaptiveAvgPool2dForward({ x: v, y, shape, outputSize }), dy);
      const dx = adaptiveAvgPool2dBackward({ dy, dx: new Float64Array(x.length), shape, outputSize });
      expectClose(dx, numericGradient(loss, x), FD_TOL);
    }
  });

  it("uses PyTorch's bins: floor(o H / oh) to ceil((o + 1) H / oh), overlapping where H / oh is fractional", () => {
    const g = adaptiveAvgPool2dGeometry([1, 1, 10, 4], [3, 6]);
    expect(Array.from(g.rows.bins)).toEqual([0, 4, 3, 7, 6, 10]);
    expect(Array.from(g.rows.spans)).toEqual([0, 1, 0, 1, 0, 1, 0, 2, 1, 2, 1, 2, 1, 3, 2, 3, 2, 3, 2, 3]);
    // 4 -> 6: bins of 1 or 2 columns, some repeated.
    expect(Array.from(g.cols.bins)).toEqual([0, 1, 0, 2, 1, 2, 2, 3, 2, 4, 3, 4]);
  });

  it('rejects bad shapes and output sizes with a specific message', () => {
    expect(() => adaptiveAvgPool2dGeometry([1, 1, 4, 4], 0)).toThrow(
      'adaptive_avg_pool2d: output size must be integers >= 1, got 0',
    );
    expect(() => adaptiveAvgPool2dGeometry([1, 1, 4, 4], [2, 1.5])).toThrow('got [2,1.5]');
    expect(() => adaptiveAvgPool2dGeometry([4, 4], 1)).toThrow(
      'adaptive_avg_pool2d: input must be [N, C, H, W] with every dimension >= 1, got [4,4]',
    );
  });
});
