import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { dot, numericGradient, seededValues } from './gradcheck';
import { groupNormBackward, groupNormDims, groupNormForward } from './group-norm';
import { groupNormCases } from './norm-fixture';

// PyTorch computes in float32, this reference in float64 from the same float32 inputs.
const TOL = { atol: 1e-5, rtol: 1e-5 };
const FD_TOL = { atol: 1e-7, rtol: 1e-6 };

describe('group_norm reference against PyTorch', () => {
  for (const [i, c] of groupNormCases().entries()) {
    it(`case ${i}: [${c.shape}] ${c.groups} groups eps ${c.eps}${c.affine ? '' : ', affine=False'}`, () => {
      const [n, ch] = c.shape;
      const f = (v?: number[]) => (v ? Float32Array.from(v) : null);
      const x = Float32Array.from(c.x);
      const y = new Float32Array(x.length);
      const saved = { saveMean: new Float32Array(n * c.groups), saveInvstd: new Float32Array(n * c.groups) };
      const params = { groups: c.groups, eps: c.eps };
      const common = { shape: c.shape, weight: f(c.weight), ...saved, params };
      groupNormForward({ ...common, x, y, bias: f(c.bias) });
      expectClose(y, c.y, TOL);
      const grads = {
        dx: new Float32Array(x.length),
        dweight: c.affine ? new Float32Array(ch) : null,
        dbias: c.affine ? new Float32Array(ch) : null,
      };
      groupNormBackward({ ...common, x, dy: Float32Array.from(c.dy), ...grads });
      expectClose(grads.dx, c.dx, TOL);
      if (c.affine) {
        expectClose(grads.dweight!, c.dweight!, TOL);
        expectClose(grads.dbias!, c.dbias!, TOL);
      }
    });
  }
});

describe('group_norm reference gradients by finite differences (float64)', () => {
  const CASES: { shape: number[]; groups: number; affine: boolean }[] = [
    { shape: [2, 6, 3, 2], groups: 3, affine: true },
    { shape: [2, 4, 2, 3], groups: 1, affine: false },
    { shape: [3, 4, 1, 2], groups: 4, affine: true },
  ];
  for (const { shape, groups, affine } of CASES) {
    it(`[${shape}], ${groups} groups${affine ? '' : ', affine=False'}`, () => {
      const [n, c, h, w] = shape;
      const x = seededValues(n * c * h * w, 1, -2, 2);
      const weight = seededValues(c, 2, 0.5, 1.5);
      const bias = seededValues(c, 3);
      const r = seededValues(x.length, 4);
      const saved = { saveMean: new Float64Array(n * groups), saveInvstd: new Float64Array(n * groups) };
      const y = new Float64Array(x.length);
      const params = { groups, eps: 1e-3 };
      const forward = (xs: Float64Array, ws: Float64Array, bs: Float64Array) => {
        const affinePart = affine ? { weight: ws, bias: bs } : {};
        groupNormForward({ x: xs, y, shape, ...affinePart, ...saved, params });
        return dot(y, r);
      };
      const numeric = {
        dx: numericGradient((v) => forward(v, weight, bias), x),
        dweight: numericGradient((v) => forward(x, v, bias), weight),
        dbias: numericGradient((v) => forward(x, weight, v), bias),
      };
      forward(x, weight, bias);
      const dx = new Float64Array(x.length);
      const grads = affine ? { weight, dweight: new Float64Array(c), dbias: new Float64Array(c) } : {};
      groupNormBackward({ x, dy: r, shape, ...saved, dx, ...grads, params });
      expectClose(dx, numeric.dx, FD_TOL);
      if (grads.dweight && grads.dbias) {
        expectClose(grads.dweight, numeric.dweight, FD_TOL);
        expectClose(grads.dbias, numeric.dbias, FD_TOL);
      }
    });
  }
});

describe('group_norm reference input checks', () => {
  it('names a channel count the groups do not divide, a bad group count or eps, and a non-NCHW shape', () => {
    expect(() => groupNormDims([1, 6, 2, 2], { groups: 4 })).toThrow(
      /num_channels 6 must be divisible by num_groups 4/,
    );
    expect(() => groupNormDims([1, 6, 2, 2], { groups: 0 })).toThrow(
      /num_groups must be an integer >= 1, got 0/,
    );
    expect(() => groupNormDims([1, 6, 2, 2], { groups: 2, eps: -1 })).toThrow(
      /eps must be a finite number >= 0/,
    );
    expect(() => groupNormDims([6, 2, 2], { groups: 2 })).toThrow(/NCHW/);
    expect(groupNormDims([2, 6, 3, 5], { groups: 3 })).toEqual({
      n: 2,
      channels: 6,
      groups: 3,
      plane: 15,
      groupSize: 30,
      eps: 1e-5,
    });
  });

  it('refuses a weight without a bias, and parameter gradients without a weight', () => {
    const v = new Float32Array(4);
    const args = { x: v, y: v, shape: [1, 2, 1, 2], saveMean: v, saveInvstd: v, params: { groups: 2 } };
    expect(() => groupNormForward({ ...args, bias: v })).toThrow(/weight and bias must be given together/);
    expect(() => groupNormBackward({ ...args, dy: v, dx: v, dweight: v, dbias: v })).toThrow(
      /dweight and dbias are given exactly when the weight is/,
    );
  });
});
