import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { concatBackward, concatForward, concatShape } from './concat';
import { dot, numericGradient, seededValues } from './gradcheck';
import { graphCases } from './graph-fixture';

const EXACT = { atol: 0, rtol: 0 };
const FD_TOL = { atol: 1e-7, rtol: 1e-6 };
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

describe('concat CPU reference', () => {
  it('matches PyTorch cat(dim=1) forward and backward on [B,C,H,W] and flat [B,N]', () => {
    const cases = graphCases().concat;
    expect(cases.map((c) => c.shapes[0].length)).toEqual([4, 2, 4]);
    for (const c of cases) {
      expect(concatShape(c.shapes)).toEqual(c.y_shape);
      const y = concatForward({
        xs: c.xs.map((x) => Float32Array.from(x)),
        shapes: c.shapes,
        y: new Float32Array(c.y.length),
      });
      expectClose(y, c.y, EXACT);
      const dxs = c.shapes.map((s) => new Float32Array(size(s)));
      concatBackward({ dy: Float32Array.from(c.dy), shapes: c.shapes, dxs });
      dxs.forEach((dx, i) => expectClose(dx, c.dxs[i], EXACT));
    }
  });

  it('has gradients that agree with central finite differences', () => {
    const shapes = [
      [2, 3, 2, 3],
      [2, 1, 2, 3],
    ];
    const xs = shapes.map((s, i) => seededValues(size(s), 10 + i));
    const yShape = concatShape(shapes);
    const dy = seededValues(size(yShape), 3);
    const y = new Float64Array(size(yShape));
    const dxs = shapes.map((s) => new Float64Array(size(s)));
    concatBackward({ dy, shapes, dxs });
    for (const i of [0, 1]) {
      const loss = (v: Float64Array) =>
        dot(concatForward({ xs: xs.map((x, k) => (k === i ? v : x)), shapes, y }), dy);
      expectClose(dxs[i], numericGradient(loss, xs[i]), FD_TOL);
    }
  });

  it('rejects inputs that disagree outside dim 1, with a specific message', () => {
    expect(() => concatShape([])).toThrow('concat: needs at least one input');
    expect(() => concatShape([[4]])).toThrow('concat: inputs need a batch and a channel dimension, got [4]');
    expect(() =>
      concatShape([
        [2, 3, 4, 4],
        [2, 1, 4, 5],
      ]),
    ).toThrow('concat: input 1 has shape [2,1,4,5], but all dimensions except 1 must match [2,3,4,4]');
    expect(() =>
      concatShape([
        [2, 3],
        [2, 1, 1],
      ]),
    ).toThrow('input 1 has shape [2,1,1]');
    expect(() => concatShape([[2, 0]])).toThrow('every dimension must be an integer >= 1');
    expect(() =>
      concatForward({ xs: [new Float32Array(6)], shapes: [[2, 3]], y: new Float32Array(5) }),
    ).toThrow('concat: y has 5 elements, expected 6');
  });
});
