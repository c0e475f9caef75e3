import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps } from '../cpu-ops';
import { loadFixture } from '../fixtures/load';
import { randomFloat32 } from '../reference/testing/conv';
import type { BatchNormCase } from '../reference/norm-fixture';
import { wasmSuite } from './testing/suite';

// float32 lanes here against float64 sums in the reference, over up to 6,300 values per channel.
const TOL = { atol: 1e-5, rtol: 1e-4 };
// As the reference's fixture test.
const FIXTURE_TOL = { atol: 1e-5, rtol: 1e-5 };

const SHAPES = [
  [3, 6, 28, 28],
  [2, 5, 3, 7],
  [1, 1, 2, 3],
  [7, 3, 1, 1],
];

describe('wasm batch_norm2d matches the reference (training, then eval, with and without dx)', () => {
  const suite = wasmSuite();
  for (const shape of SHAPES) {
    it(`[${shape}]`, () => {
      const w = suite.staged();
      const [n, c, h, wd] = shape;
      const all = n * c * h * wd;
      const x = randomFloat32(all, 1).map((v) => 3 * v + 1);
      const dy = randomFloat32(all, 2);
      const weight = randomFloat32(c, 3).map((v) => v + 1.5);
      const bias = randomFloat32(c, 4);
      const side = () => ({
        runningMean: randomFloat32(c, 5),
        runningVar: randomFloat32(c, 6).map((v) => v + 2),
        saveMean: new Float32Array(c).fill(NaN),
        saveInvstd: new Float32Array(c).fill(NaN),
        y: new Float32Array(all).fill(NaN),
        dx: new Float32Array(all).fill(NaN),
        dweight: new Float32Array(c).fill(NaN),
        dbias: new Float32Array(c).fill(NaN),
      });
      const [a, b] = [side(), side()];
      for (const training of [true, false]) {
        if (training && n * h * wd < 2) continue;
        for (const [ops, s] of [
          [w, a],
          [referenceOps, b],
        ] as const) {
          const common = { x, shape, weight, saveMean: s.saveMean, saveInvstd: s.saveInvstd };
          const params = { training, eps: 1e-3, momentum: 0.3 };
          ops.batchNorm2dForward({
            ...common,
            y: s.y,
            bias,
            runningMean: s.runningMean,
            runningVar: s.runningVar,
            params,
          });
          ops.batchNorm2dBackward({ ...common, dy, dx: s.dx, dweight: s.dweight, dbias: s.dbias, params });
        }
        for (const key of [
          'y',
          'runningMean',
          'runningVar',
          'saveMean',
          'saveInvstd',
          'dx',
          'dweight',
          'dbias',
        ] as const) {
          expectClose(a[key], b[key], TOL);
        }
      }
      const noDx = side();
      noDx.dx.fill(7);
      w.batchNorm2dBackward({
        x,
        dy,
        shape,
        weight,
        saveMean: a.saveMean,
        saveInvstd: a.saveInvstd,
        dx: null,
        dweight: noDx.dweight,
        dbias: noDx.dbias,
        params: { training: false },
      });
      expectClose(noDx.dweight, a.dweight, TOL);
    });
  }
});

describe('wasm batch_norm2d matches the PyTorch golden fixtures (two training steps, then eval)', () => {
  const suite = wasmSuite();
  // Affine cases only: BatchNorm without weight and bias runs on the reference ops (fallback.ts).
  const cases = loadFixture('norm').batch_norm2d as unknown as BatchNormCase[];
  for (const [i, c] of cases.entries()) {
    const { weight, bias } = c;
    if (!weight || !bias) continue;
    it(`case ${i}: [${c.shape}]`, () => {
      const w = suite.staged();
      const ch = c.shape[1];
      const runningMean = Float32Array.from(c.running_mean0);
      const runningVar = Float32Array.from(c.running_var0);
      for (const step of c.steps) {
        const common = {
          shape: c.shape,
          weight: Float32Array.from(weight),
          saveMean: new Float32Array(ch),
          saveInvstd: new Float32Array(ch),
        };
        const params = { training: step.training, eps: c.eps, momentum: c.momentum };
        const x = Float32Array.from(step.x);
        const y = new Float32Array(x.length);
        w.batchNorm2dForward({
          ...common,
          x,
          y,
          bias: Float32Array.from(bias),
          runningMean,
          runningVar,
          params,
        });
        expectClose(y, step.y, FIXTURE_TOL);
        expectClose(runningMean, step.running_mean, FIXTURE_TOL);
        expectClose(runningVar, step.running_var, FIXTURE_TOL);
        const grads = {
          dx: new Float32Array(x.length),
          dweight: new Float32Array(ch),
          dbias: new Float32Array(ch),
        };
        w.batchNorm2dBackward({ ...common, x, dy: Float32Array.from(step.dy), ...grads, params });
        expectClose(grads.dx, step.dx, FIXTURE_TOL);
        expectClose(grads.dweight, step.dweight!, FIXTURE_TOL);
        expectClose(grads.dbias, step.dbias!, FIXTURE_TOL);
      }
    });
  }

  it('refuses a bad momentum with the reference message', () => {
    const w = suite.staged();
    const f = () => new Float32Array(4);
    expect(() =>
      w.batchNorm2dForward({
        x: f(),
        y: f(),
        shape: [2, 1, 1, 2],
        weight: f(),
        bias: f(),
        runningMean: f(),
        runningVar: f(),
        saveMean: f(),
        saveInvstd: f(),
        params: { training: true, momentum: 2 },
      }),
    ).toThrow(/momentum must be in \[0, 1\], got 2/);
  });
});
