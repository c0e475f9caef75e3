import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { upsample2dGeometry, upsampledShape, type Upsample2dParams } from '../ops/upsample-geometry';
import { dot, numericGradient, seededValues } from './gradcheck';
import { graphCases, upsampleCaseParams } from './graph-fixture';
import { upsample2dBackward, upsample2dForward } from './upsample';

// Float64 sums of PyTorch's f32 products: a few f32 ulps apart.
const FIXTURE_TOL = { atol: 1e-6, rtol: 1e-6 };
const FD_TOL = { atol: 1e-7, rtol: 1e-6 };
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('upsample CPU reference', () => {
  for (const [i, c] of graphCases().upsample.entries()) {
    const params = upsampleCaseParams(c);
    it(`case ${i}: matches PyTorch ${JSON.stringify(params)} on [${c.shape}]`, () => {
      const yShape = upsampledShape(upsample2dGeometry(c.shape, params));
      expect(size(yShape)).toBe(c.y.length);
      const y = upsample2dForward({
        x: Float32Array.from(c.x),
        y: new Float32Array(c.y.length),
        shape: c.shape,
        params,
      });
      expectClose(y, c.y, FIXTURE_TOL);
      const dx = upsample2dBackward({
        dy: Float32Array.from(c.dy),
        dx: new Float32Array(c.x.length),
        shape: c.shape,
        params,
      });
      expectClose(dx, c.dx, FIXTURE_TOL);
    });
  }

  it('has a backward that is the adjoint of the forward (finite differences)', () => {
    const shape = [2, 1, 3, 4];
    for (const params of [
      { mode: 'nearest', scaleFactor: [3, 2] },
      { mode: 'bilinear', scaleFactor: [2, 5] },
      { mode: 'bilinear', scaleFactor: [4, 3], alignCorners: true },
    ] as Upsample2dParams[]) {
      const x = seededValues(size(shape), 5);
      const yShape = upsampledShape(upsample2dGeometry(shape, params));
      const dy = seededValues(size(yShape), 6);
      const y = new Float64Array(size(yShape));
      const loss = (v: Float64Array) => dot(upsample2dForward({ x: v, y, shape, params }), dy);
      const dx = upsample2dBackward({ dy, dx: new Float64Array(x.length), shape, params });
      expectClose(dx, numericGradient(loss, x), FD_TOL);
    }
  });

  it('gives every input the span of outputs that tap it', () => {
    const g = upsample2dGeometry([1, 1, 3, 2], { mode: 'bilinear', scaleFactor: [2, 3] });
    // Rows, 3 -> 6 with align_corners=False: sources 0 (clamped), 0.25, 0.75, 1.25, 1.75, 2.25 -> i0 0,0,0,1,1,2.
    expect(Array.from(g.rows.i0)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(Array.from(g.rows.i1)).toEqual([1, 1, 1, 2, 2, 2]);
    // The last source, 2.25, keeps its weight with both taps on the last row.
    expect(Array.from(g.rows.l1)).toEqual([0, 0.25, 0.75, 0.25, 0.75, 0.25]);
    expect(Array.from(g.rows.spans)).toEqual([0, 3, 0, 5, 3, 6]);
    const nearest = upsample2dGeometry([1, 1, 2, 3], { mode: 'nearest', scaleFactor: 3 });
    expect(Array.from(nearest.cols.i0)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(Array.from(nearest.cols.spans)).toEqual([0, 3, 3, 6, 6, 9]);
  });

  it('rejects factors, modes and options PyTorch or this engine does not take, with a specific message', () => {
    const shape = [1, 1, 2, 2];
    expect(() => upsample2dGeometry(shape, { mode: 'nearest', scaleFactor: 1.5 })).toThrow(
      'upsample: scale factors must be integers 1..8, got 1.5',
    );
    expect(() => upsample2dGeometry(shape, { mode: 'nearest', scaleFactor: [2, 9] })).toThrow('got [2,9]');
    expect(() => upsample2dGeometry(shape, { mode: 'nearest', scaleFactor: 2, alignCorners: true })).toThrow(
      'upsample: align_corners applies to bilinear only',
    );
    expect(() => upsample2dGeometry(shape, { mode: 'bicubic' as 'nearest', scaleFactor: 2 })).toThrow(
      `upsample: mode must be 'nearest' or 'bilinear', got "bicubic"`,
    );
    expect(() => upsample2dGeometry([2, 3, 4], { mode: 'nearest', scaleFactor: 2 })).toThrow(
      'upsample: input must be [N, C, H, W] with every dimension >= 1, got [2,3,4]',
    );
  });
});
