import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { numericGradient, seededValues } from './gradcheck';
import { bceWithLogits, mseLoss, softmaxCrossEntropy } from './loss';
import { crossEntropyCases, elementCases } from './loss-fixture';

// PyTorch in f32 vs float64 here.
const TOL = { atol: 1e-6, rtol: 1e-5 };
const FD_TOL = { atol: 1e-7, rtol: 1e-5 };

describe('loss CPU references', () => {
  it('softmax cross-entropy matches PyTorch, with ties and logits of 1e4', () => {
    for (const c of crossEntropyCases()) {
      const dl = new Float32Array(c.logits.length);
      const probs = new Float32Array(c.logits.length);
      const r = softmaxCrossEntropy(Float32Array.from(c.logits), c.labels, dl, c.batch, c.classes, probs);
      expectClose([r.loss], [c.loss], TOL);
      expect(r.correct).toBe(c.correct);
      expectClose(dl, c.dlogits, TOL);
      expectClose(probs, c.probs, TOL);
    }
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

  it('rejects a label outside [0, classes)', () => {
    expect(() => softmaxCrossEntropy(new Float32Array(3), [3], new Float32Array(3), 1, 3)).toThrow(
      /label 3 of sample 0 is not in \[0, 3\)/,
    );
  });

  it('has gradients that agree with central finite differences (float64)', () => {
    const logits = seededValues(12, 11, -3, 3);
    const labels = [2, 0, 3];
    const dl = new Float64Array(12);
    softmaxCrossEntropy(logits, labels, dl, 3, 4);
    const ce = (v: Float64Array) => softmaxCrossEntropy(v, labels, new Float64Array(12), 3, 4).loss;
    expectClose(dl, numericGradient(ce, logits), FD_TOL);

    const target = seededValues(12, 12, 0, 1);
    for (const fn of [mseLoss, bceWithLogits]) {
      const grad = new Float64Array(12);
      fn(logits, target, grad);
      const loss = (v: Float64Array) => fn(v, target, new Float64Array(12)).loss;
      expectClose(grad, numericGradient(loss, logits), FD_TOL);
    }
  });
});
