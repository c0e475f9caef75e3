import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { numericGradient, seededValues } from './gradcheck';
import { bceWithLogits, mseLoss, softmaxCrossEntropy, softmaxCrossEntropy2d } from './loss';
import { crossEntropy2dCases, crossEntropyCases, elementCases } from './loss-fixture';

// PyTorch in f32 vs float64 here.
const TOL = { atol: 1e-6, rtol: 1e-5 };
const FD_TOL = { atol: 1e-7, rtol: 1e-5 };

describe('loss CPU references', () => {
  it('softmax cross-entropy matches PyTorch, with ties, logits of 1e4 and label smoothing', () => {
    for (const c of crossEntropyCases()) {
      const dl = new Float32Array(c.logits.length);
      const probs = new Float32Array(c.logits.length);
      const logits = Float32Array.from(c.logits);
      const r = softmaxCrossEntropy(logits, c.labels, dl, c.batch, c.classes, probs, c.label_smoothing);
      expectClose([r.loss], [c.loss], TOL);
      expect(r.correct).toBe(c.correct);
      expectClose(dl, c.dlogits, TOL);
      expectClose(probs, c.probs, TOL);
    }
  });

  it('per-pixel cross-entropy matches PyTorch (mean over pixels, correct pixels, label smoothing)', () => {
    for (const c of crossEntropy2dCases()) {
      const dl = new Float32Array(c.logits.length);
      const probs = new Float32Array(c.logits.length);
      const logits = Float32Array.from(c.logits);
      const r = softmaxCrossEntropy2d(logits, c.labels, dl, c.shape, probs, c.label_smoothing);
      expectClose([r.loss], [c.loss], TOL);
      expect(r.correct).toBe(c.correct);
      expectClose(dl, c.dlogits, TOL);
      expectClose(probs, c.probs, TOL);
    }
  });

  it('per-pixel cross-entropy of 1x1 planes is the classification loss', () => {
    const logits = seededValues(12, 21, -3, 3);
    const labels = [1, 3, 0];
    const [a, b] = [new Float64Array(12), new Float64Array(12)];
    const flat = softmaxCrossEntropy(logits, labels, a, 3, 4, null, 0.2);
    const pixels = softmaxCrossEntropy2d(logits, labels, b, [3, 4, 1, 1], null, 0.2);
    expect(pixels).toEqual(flat);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('MSE and BCE-with-logits match PyTorch (large logits stay finite)', () => {
    for (const [name, fn] of [
      ['mse', mseLoss],
      ['bce_with_logits', bceWithLogits],
    ] as const) {
      for (const c of elementCases(name)) {
        const grad = new Float32Array(c.input.length);
        const r = fn(Float32Array.from(c.input), Float32Array.from(c.target), grad);
        expectClose([r.loss], [c.loss], TOL);
        expectClose(grad, c.grad, TOL);
      }
    }
  });

  it('rejects a label outside [0, classes), label smoothing outside [0, 1] and per-pixel shape mismatches', () => {
    expect(() => softmaxCrossEntropy(new Float32Array(3), [3], new Float32Array(3), 1, 3)).toThrow(
      /label 3 of sample 0 is not in \[0, 3\)/,
    );
    expect(() => softmaxCrossEntropy(new Float32Array(3), [0], new Float32Array(3), 1, 3, null, 1.5)).toThrow(
      /label_smoothing must be in \[0, 1\], got 1.5/,
    );
    const x = new Float32Array(12);
    expect(() => softmaxCrossEntropy2d(x, [0, 1, 2, 5], x, [1, 3, 2, 2])).toThrow(
      /label 5 of pixel 3 of sample 0 is not in \[0, 3\)/,
    );
    expect(() => softmaxCrossEntropy2d(x, [0, 1, 2], x, [1, 3, 2, 2])).toThrow(/3 labels for 4 pixels/);
    expect(() => softmaxCrossEntropy2d(x, [0], x, [3, 4])).toThrow(/must be \[B, K, H, W\]/);
  });

  it('has gradients that agree with central finite differences (float64)', () => {
    const logits = seededValues(12, 11, -3, 3);
    const labels = [2, 0, 3];
    const dl = new Float64Array(12);
    softmaxCrossEntropy(logits, labels, dl, 3, 4);
    const ce = (v: Float64Array) => softmaxCrossEntropy(v, labels, new Float64Array(12), 3, 4).loss;
    expectClose(dl, numericGradient(ce, logits), FD_TOL);

    for (const eps of [0.1, 1]) {
      const smoothed = (v: Float64Array) =>
        softmaxCrossEntropy(v, labels, new Float64Array(12), 3, 4, null, eps).loss;
      softmaxCrossEntropy(logits, labels, dl, 3, 4, null, eps);
      expectClose(dl, numericGradient(smoothed, logits), FD_TOL);
    }

    // Per pixel: logits [2, 3, 2, 2], the mean over 8 pixels.
    const pixelLogits = seededValues(24, 13, -3, 3);
    const pixelLabels = [0, 2, 1, 1, 2, 0, 0, 1];
    for (const eps of [0, 0.3]) {
      const grad = new Float64Array(24);
      softmaxCrossEntropy2d(pixelLogits, pixelLabels, grad, [2, 3, 2, 2], null, eps);
      const loss = (v: Float64Array) =>
        softmaxCrossEntropy2d(v, pixelLabels, new Float64Array(24), [2, 3, 2, 2], null, eps).loss;
      expectClose(grad, numericGradient(loss, pixelLogits), FD_TOL);
    }

    const target = seededValues(12, 12, 0, 1);
    for (const fn of [mseLoss, bceWithLogits]) {
      const grad = new Float64Array(12);
      fn(logits, target, grad);
      const loss = (v: Float64Array) => fn(v, target, new Float64Array(12)).loss;
      expectClose(grad, numericGradient(loss, logits), FD_TOL);
    }
  });
});
