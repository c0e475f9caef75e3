import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps } from '../cpu-ops';
import { loadFixture } from '../fixtures/load';
import { randomFloat32 } from '../reference/testing/conv';
import type { LinearDims } from '../reference/linear';
import { wasmSuite } from './testing/suite';

// float32 sums of up to 1000 products of values in [-1, 1), as the GPU linear tests.
const TOL = { atol: 1e-4, rtol: 1e-4 };
// As the reference's fixture test: PyTorch in float32, sums of up to 307 terms of magnitude ~4.
const FIXTURE_TOL = { atol: 1e-4, rtol: 1e-5 };

const SHAPES: [string, LinearDims][] = [
  ['LeNet fc1 at batch 64', { batch: 64, inFeatures: 400, outFeatures: 120 }],
  ['odd everything', { batch: 7, inFeatures: 307, outFeatures: 13 }],
  ['one sample, one output', { batch: 1, inFeatures: 5, outFeatures: 1 }],
  ['inputs not a multiple of 4 or 8', { batch: 5, inFeatures: 83, outFeatures: 10 }],
  ['wide output', { batch: 3, inFeatures: 9, outFeatures: 1001 }],
];

describe('wasm linear matches the reference on awkward shapes', () => {
  const suite = wasmSuite();
  for (const [name, d] of SHAPES) {
    it(name, () => {
      const w = suite.staged();
      const x = randomFloat32(d.batch * d.inFeatures, 1);
      const weight = randomFloat32(d.outFeatures * d.inFeatures, 2);
      const bias = randomFloat32(d.outFeatures, 3);
      const dy = randomFloat32(d.batch * d.outFeatures, 4);
      for (const relu of [false, true]) {
        const want = referenceOps.linearForward(
          x,
          weight,
          bias,
          new Float32Array(d.batch * d.outFeatures),
          d,
          relu,
        );
        const got = w.linearForward(x, weight, bias, new Float32Array(want.length).fill(NaN), d, relu);
        expectClose(got, want, TOL);
      }
      const noBias = w.linearForward(x, weight, null, new Float32Array(d.batch * d.outFeatures).fill(NaN), d);
      expectClose(
        noBias,
        referenceOps.linearForward(x, weight, null, new Float32Array(noBias.length), d),
        TOL,
      );
      const pairs: [Float32Array, Float32Array][] = [
        [
          w.linearBackwardInput(dy, weight, new Float32Array(x.length).fill(NaN), d),
          referenceOps.linearBackwardInput(dy, weight, new Float32Array(x.length), d) as Float32Array,
        ],
        [
          w.linearBackwardWeight(dy, x, new Float32Array(weight.length).fill(NaN), d),
          referenceOps.linearBackwardWeight(dy, x, new Float32Array(weight.length), d) as Float32Array,
        ],
        [
          w.linearBackwardBias(dy, new Float32Array(d.outFeatures).fill(NaN), d),
          referenceOps.linearBackwardBias(dy, new Float32Array(d.outFeatures), d) as Float32Array,
        ],
      ] as [Float32Array, Float32Array][];
      for (const [got, want] of pairs) expectClose(got, want, TOL);
    });
  }
});

interface LinearCase {
  batch: number;
  in_features: number;
  out_features: number;
  [k: string]: number | number[];
}

describe('wasm linear matches the PyTorch golden fixtures', () => {
  const suite = wasmSuite();
  it('forward (with and without the fused ReLU) and every backward', () => {
    const w = suite.staged();
    const cases = loadFixture('linear').linear as unknown as LinearCase[];
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) {
      const d = { batch: c.batch, inFeatures: c.in_features, outFeatures: c.out_features };
      const [x, weight, b, dy] = (['x', 'weight', 'bias', 'dy'] as const).map((k) =>
        Float32Array.from(c[k] as number[]),
      );
      const y = () => new Float32Array(d.batch * d.outFeatures).fill(NaN);
      expectClose(w.linearForward(x, weight, b, y(), d), c.y as number[], FIXTURE_TOL);
      expectClose(w.linearForward(x, weight, b, y(), d, true), c.y_relu as number[], FIXTURE_TOL);
      expectClose(
        w.linearBackwardInput(dy, weight, new Float32Array(x.length), d),
        c.dx as number[],
        FIXTURE_TOL,
      );
      expectClose(
        w.linearBackwardWeight(dy, x, new Float32Array(weight.length), d),
        c.dweight as number[],
        FIXTURE_TOL,
      );
      expectClose(
        w.linearBackwardBias(dy, new Float32Array(d.outFeatures), d),
        c.dbias as number[],
        FIXTURE_TOL,
      );
    }
  });
});

describe('wasm linear gradients agree with float32 central differences', () => {
  const suite = wasmSuite();
  it('in x, W and b (L = sum(y * dy) is linear in each, so a step of 1 is exact up to rounding)', () => {
    const w = suite.staged();
    const d = { batch: 3, inFeatures: 9, outFeatures: 5 };
    const x = randomFloat32(27, 5);
    const weight = randomFloat32(45, 6);
    const bias = randomFloat32(5, 7);
    const dy = randomFloat32(15, 8);
    const loss = () => {
      const y = w.linearForward(x, weight, bias, new Float32Array(15), d);
      let s = 0;
      for (let i = 0; i < y.length; i++) s += y[i] * dy[i];
      return s;
    };
    const grads: [Float32Array, ArrayLike<number>][] = [
      [x, w.linearBackwardInput(dy, weight, new Float32Array(27), d)],
      [weight, w.linearBackwardWeight(dy, x, new Float32Array(45), d)],
      [bias, w.linearBackwardBias(dy, new Float32Array(5), d)],
    ];
    for (const [v, g] of grads) {
      for (let i = 0; i < v.length; i++) {
        const keep = v[i];
        v[i] = keep + 1;
        const up = loss();
        v[i] = keep - 1;
        const down = loss();
        v[i] = keep;
        expect(Math.abs((up - down) / 2 - g[i])).toBeLessThan(1e-4 * (1 + Math.abs(g[i])));
      }
    }
  });

  it('refuses arrays smaller than the dimensions need', () => {
    const ops = suite.ops();
    const d = { batch: 2, inFeatures: 3, outFeatures: 4 };
    expect(() => ops.linearForward(ops.alloc(5), ops.alloc(12), null, ops.alloc(8), d)).toThrow(
      /linear: x has 5 elements, needs 6/,
    );
  });
});
