import { describe, expect, it } from 'vitest';
import {
  convTranspose2dBackwardBias,
  convTranspose2dBackwardInput,
  convTranspose2dBackwardWeight,
  convTranspose2dForward,
} from './conv_transpose2d';
import { convTranspose2dGeometry, type ConvTranspose2dParams } from '../ops/conv-geometry';
import { checkGradient, dot, host } from './conv-testing';
import { convFixtures, fixtureParams } from './conv-fixtures';
import { expectClose } from '../../gpu/testing/close';

const CASES: { name: string; x: number[]; w: number[]; params: ConvTranspose2dParams }[] = [
  { name: 'plain 3x3', x: [2, 2, 3, 4], w: [2, 3, 3, 3], params: {} },
  {
    name: 'stride 2, padding, output_padding',
    x: [1, 2, 3, 3],
    w: [2, 2, 3, 3],
    params: { stride: 2, padding: 1, outputPadding: 1 },
  },
  {
    name: 'dilation 2 with output_padding',
    x: [1, 1, 4, 3],
    w: [1, 2, 2, 3],
    params: { dilation: 2, outputPadding: [1, 0], stride: [1, 2] },
  },
  { name: 'stride > kernel', x: [2, 3, 3, 2], w: [3, 1, 2, 2], params: { stride: 3, padding: 1 } },
  { name: '1x1 kernel', x: [1, 3, 2, 3], w: [3, 2, 1, 1], params: {} },
];

describe('conv_transpose2d CPU reference gradients match float64 central differences', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const g = convTranspose2dGeometry(c.x, c.w, c.params);
      const yShape = [g.n, g.cin, g.h, g.w];
      const x = host(c.x, 5);
      const weight = host(c.w, 6);
      const bias = host([g.cin], 7);
      const dy = host(yShape, 8);
      const y = host(yShape);
      const loss = () => {
        convTranspose2dForward({ x, weight, bias, y, params: c.params });
        return dot(y.data, dy.data);
      };
      const dx = host(c.x);
      const dweight = host(c.w);
      const dbias = host([g.cin]);
      convTranspose2dBackwardInput({ dy, weight, dx, params: c.params });
      convTranspose2dBackwardWeight({ x, dy, dweight, params: c.params });
      convTranspose2dBackwardBias({ dy, dbias });
      checkGradient(x, loss, dx.data);
      checkGradient(weight, loss, dweight.data);
      checkGradient(bias, loss, dbias.data);
    });
  }
});

describe('conv_transpose2d CPU reference matches PyTorch golden fixtures (atol 1e-5, rtol 1e-5)', () => {
  const tol = { atol: 1e-5, rtol: 1e-5 };
  for (const f of convFixtures('conv_transpose2d')) {
    it(f.name, () => {
      const params = fixtureParams(f);
      const t = (data: number[], shape: number[]) => ({ data: Float32Array.from(data), shape });
      // Outputs start as NaN so a pass that skips an element cannot pass.
      const out = (shape: number[]) => ({
        data: new Float32Array(shape.reduce((a, b) => a * b)).fill(NaN),
        shape,
      });
      const x = t(f.x, f.xShape);
      const weight = t(f.w, f.wShape);
      const dy = t(f.dy, f.yShape);
      const y = out(f.yShape);
      convTranspose2dForward({ x, weight, bias: f.b ? t(f.b, [f.wShape[1]]) : null, y, params });
      expectClose(y.data, f.y, tol);
      const dx = out(f.xShape);
      convTranspose2dBackwardInput({ dy, weight, dx, params });
      expectClose(dx.data, f.dx, tol);
      const dweight = out(f.wShape);
      convTranspose2dBackwardWeight({ x, dy, dweight, params });
      expectClose(dweight.data, f.dw, tol);
      if (f.db) {
        const dbias = out([f.wShape[1]]);
        convTranspose2dBackwardBias({ dy, dbias });
        expectClose(dbias.data, f.db, tol);
      }
    });
  }
});

describe('conv_transpose2d geometry', () => {
  it('computes PyTorch output size (H-1)s - 2p + d(k-1) + output_padding + 1', () => {
    const g = convTranspose2dGeometry([1, 1, 5, 4], [1, 1, 3, 2], {
      stride: 2,
      padding: 1,
      dilation: [1, 2],
      outputPadding: 1,
    });
    expect([g.h, g.w]).toEqual([(5 - 1) * 2 - 2 + 2 + 1 + 1, (4 - 1) * 2 - 2 + 2 + 1 + 1]);
  });

  it('rejects output_padding not smaller than stride or dilation', () => {
    expect(() =>
      convTranspose2dGeometry([1, 1, 3, 3], [1, 1, 3, 3], { stride: 2, outputPadding: 2 }),
    ).toThrow(/output_padding \[2,2\] must be smaller than stride \[2,2\] or dilation \[1,1\]/);
    expect(() =>
      convTranspose2dGeometry([1, 1, 3, 3], [1, 1, 3, 3], { dilation: 2, outputPadding: 1 }),
    ).not.toThrow();
  });

  it('rejects padding that leaves no output', () => {
    expect(() => convTranspose2dGeometry([1, 1, 1, 1], [1, 1, 1, 1], { padding: 1 })).toThrow(
      /output would be -1x-1/,
    );
  });
});
