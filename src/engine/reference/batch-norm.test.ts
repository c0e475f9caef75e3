import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { batchNorm2dBackward, batchNorm2dForward, batchNormSettings } from './batch-norm';
import { dot, numericGradient, seededValues } from './gradcheck';
import { batchNormCases } from './norm-fixture';

const cases = batchNormCases();
const floats = (v?: number[]) => (v ? Float32Array.from(v) : null);
// PyTorch computes in float32, this reference in float64 from the same float32 inputs.
const TOL = { atol: 1e-5, rtol: 1e-5 };

describe('batch_norm2d reference against PyTorch (two training steps, then eval)', () => {
  for (const [i, c] of cases.entries()) {
    it(`case ${i}: [${c.shape}] momentum ${c.momentum} eps ${c.eps}${c.affine ? '' : ', affine=False'}`, () => {
      const ch = c.shape[1];
      const runningMean = Float32Array.from(c.running_mean0);
      const runningVar = Float32Array.from(c.running_var0);
      for (const step of c.steps) {
        const y = new Float32Array(step.x.length);
        const saveMean = new Float32Array(ch);
        const saveInvstd = new Float32Array(ch);
        const common = { shape: c.shape, weight: floats(c.weight), saveMean, saveInvstd };
        const params = { training: step.training, eps: c.eps, momentum: c.momentum };
        const x = Float32Array.from(step.x);
        batchNorm2dForward({
          ...common,
          x,
          y,
          bias: floats(c.bias),
          runningMean,
          runningVar,
          params,
        });
        expectClose(y, step.y, TOL);
        expectClose(runningMean, step.running_mean, TOL);
        expectClose(runningVar, step.running_var, TOL);
        const grads = {
          dx: new Float32Array(x.length),
          dweight: c.affine ? new Float32Array(ch) : null,
          dbias: c.affine ? new Float32Array(ch) : null,
        };
        batchNorm2dBackward({ ...common, x, dy: Float32Array.from(step.dy), ...grads, params });
        expectClose(grads.dx, step.dx, TOL);
        if (c.affine) {
          expectClose(grads.dweight!, step.dweight!, TOL);
          expectClose(grads.dbias!, step.dbias!, TOL);
        }
      }
    });
  }
});

describe('batch_norm2d reference gradients by finite differences (float64)', () => {
  for (const training of [true, false]) {
    for (const shape of [
      [2, 3, 3, 5],
      [1, 1, 2, 3],
    ]) {
      it(`${training ? 'train' : 'eval'} mode on [${shape}], affine=False`, () => {
        const [n, c, h, w] = shape;
        const x = seededValues(n * c * h * w, 7, -2, 2);
        const r = seededValues(x.length, 8);
        const stats = { runningMean: seededValues(c, 9), runningVar: seededValues(c, 10, 0.5, 2) };
        const saved = { saveMean: new Float64Array(c), saveInvstd: new Float64Array(c) };
        const y = new Float64Array(x.length);
        const params = { training, eps: 1e-3 };
        const forward = (xs: Float64Array) => {
          const running = { runningMean: stats.runningMean.slice(), runningVar: stats.runningVar.slice() };
          batchNorm2dForward({ x: xs, y, shape, ...running, ...saved, params });
          return dot(y, r);
        };
        const numeric = numericGradient(forward, x);
        forward(x);
        const dx = new Float64Array(x.length);
        batchNorm2dBackward({ x, dy: r, shape, ...saved, dx, params });
        expectClose(dx, numeric, { atol: 1e-7, rtol: 1e-6 });
      });

      it(`${training ? 'train' : 'eval'} mode on [${shape}]`, () => {
        const [n, c, h, w] = shape;
        const x = seededValues(n * c * h * w, 1, -2, 2);
        const weight = seededValues(c, 2, 0.5, 1.5);
        const bias = seededValues(c, 3);
        const runningMean = seededValues(c, 4);
        const runningVar = seededValues(c, 5, 0.5, 2);
        const r = seededValues(x.length, 6);
        const saved = { saveMean: new Float64Array(c), saveInvstd: new Float64Array(c) };
        const y = new Float64Array(x.length);
        const params = { training, eps: 1e-3 };
        // Running stats are copied per call: training updates them, and eval must see the same ones.
        const forward = (xs: Float64Array, ws: Float64Array, bs: Float64Array) => {
          batchNorm2dForward({
            x: xs,
            y,
            shape,
            weight: ws,
            bias: bs,
            runningMean: runningMean.slice(),
            runningVar: runningVar.slice(),
            ...saved,
            params,
          });
          return dot(y, r);
        };
        const num = {
          dx: numericGradient((v) => forward(v, weight, bias), x),
          dweight: numericGradient((v) => forward(x, v, bias), weight),
          dbias: numericGradient((v) => forward(x, weight, v), bias),
        };
        forward(x, weight, bias);
        const got = {
          dx: new Float64Array(x.length),
          dweight: new Float64Array(c),
          dbias: new Float64Array(c),
        };
        batchNorm2dBackward({ x, dy: r, shape, weight, ...saved, ...got, params });
        expectClose(got.dx, num.dx, { atol: 1e-7, rtol: 1e-6 });
        expectClose(got.dweight, num.dweight, { atol: 1e-7, rtol: 1e-6 });
        expectClose(got.dbias, num.dbias, { atol: 1e-7, rtol: 1e-6 });
      });
    }
  }
});

describe('batch_norm2d reference input checks', () => {
  it('refuses training with one value per channel, as PyTorch does', () => {
    const one = new Float32Array(2);
    const args = {
      x: one,
      y: one,
      shape: [1, 2, 1, 1],
      weight: one,
      bias: one,
      runningMean: one,
      runningVar: one,
    };
    expect(() =>
      batchNorm2dForward({ ...args, saveMean: one, saveInvstd: one, params: { training: true } }),
    ).toThrow(/more than one value per channel/);
    expect(() =>
      batchNorm2dForward({ ...args, saveMean: one, saveInvstd: one, params: { training: false } }),
    ).not.toThrow();
  });

  it('refuses a negative eps and a momentum outside [0, 1]', () => {
    expect(() => batchNormSettings({ training: true, eps: -1 })).toThrow(
      /eps must be a finite number >= 0, got -1/,
    );
    expect(() => batchNormSettings({ training: true, momentum: 1.5 })).toThrow(
      /momentum must be in \[0, 1\], got 1.5/,
    );
    expect(batchNormSettings({ training: true })).toEqual({ eps: 1e-5, momentum: 0.1 });
  });

  it('refuses a weight without a bias, and parameter gradients without a weight', () => {
    const v = new Float32Array(2);
    const args = {
      x: v,
      y: v,
      shape: [1, 2, 1, 1],
      runningMean: v,
      runningVar: v,
      saveMean: v,
      saveInvstd: v,
    };
    expect(() => batchNorm2dForward({ ...args, weight: v, params: { training: false } })).toThrow(
      /weight and bias must be given together/,
    );
    expect(() =>
      batchNorm2dBackward({ ...args, dy: v, dx: v, dweight: v, dbias: v, params: { training: false } }),
    ).toThrow(/dweight and dbias are given exactly when the weight is/);
  });

  it('refuses a shape that is not NCHW', () => {
    const a = new Float32Array(4);
    expect(() =>
      batchNorm2dBackward({
        x: a,
        dy: a,
        shape: [4],
        weight: a,
        saveMean: a,
        saveInvstd: a,
        dx: a,
        dweight: a,
        dbias: a,
        params: { training: true },
      }),
    ).toThrow(/NCHW/);
  });
});
