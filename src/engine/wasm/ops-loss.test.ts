import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { referenceOps } from '../cpu-ops';
import { randomFloat32 } from '../reference/testing/conv';
import { crossEntropyCases, elementCases } from '../reference/loss-fixture';
import { wasmSuite } from './testing/suite';

// float64 inside on both sides; only exp and log implementations differ (musl's here, V8's there).
const TOL = { atol: 1e-7, rtol: 1e-6 };
const FIXTURE_TOL = { atol: 1e-6, rtol: 1e-5 };

describe('wasm losses match the reference', () => {
  const suite = wasmSuite();
  it('softmax cross-entropy on [61, 13] with ties, with and without probabilities', () => {
    const w = suite.staged();
    const [batch, classes] = [61, 13];
    const logits = randomFloat32(batch * classes, 1).map((v) => Math.round(v * 8));
    const labels = Array.from({ length: batch }, (_, i) => (i * 5) % classes);
    const [dl, dlRef] = [new Float32Array(logits.length).fill(NaN), new Float32Array(logits.length)];
    const [probs, probsRef] = [new Float32Array(logits.length).fill(NaN), new Float32Array(logits.length)];
    const got = w.softmaxCrossEntropy(logits, labels, dl, batch, classes, probs);
    const want = referenceOps.softmaxCrossEntropy(logits, labels, dlRef, batch, classes, probsRef);
    expectClose([got.loss], [want.loss], TOL);
    expect(got.correct).toBe(want.correct);
    expectClose(dl, dlRef, TOL);
    expectClose(probs, probsRef, TOL);
    const noProbs = new Float32Array(logits.length).fill(NaN);
    w.softmaxCrossEntropy(logits, Uint32Array.from(labels), noProbs, batch, classes);
    expectClose(noProbs, dlRef, TOL);
  });

  it('MSE and BCE-with-logits on 307 elements', () => {
    const w = suite.staged();
    const x = randomFloat32(307, 2).map((v) => 30 * v);
    const t = randomFloat32(307, 3).map((v) => (v + 1) / 2);
    for (const name of ['mseLoss', 'bceWithLogits'] as const) {
      const [g, gRef] = [new Float32Array(307).fill(NaN), new Float32Array(307)];
      const got = w[name](x, t, g);
      const want = referenceOps[name](x, t, gRef);
      expectClose([got.loss], [want.loss], TOL);
      expect(got.correct).toBe(want.correct);
      expectClose(g, gRef, TOL);
    }
  });

  it('match the PyTorch golden fixtures (ties, logits of 1e4, large BCE logits)', () => {
    const w = suite.staged();
    // Label smoothing has no wasm kernel: those cases run on the reference (fallback.ts).
    for (const c of crossEntropyCases().filter((k) => !k.label_smoothing)) {
      const dl = new Float32Array(c.logits.length);
      const probs = new Float32Array(c.logits.length);
      const r = w.softmaxCrossEntropy(Float32Array.from(c.logits), c.labels, dl, c.batch, c.classes, probs);
      expectClose([r.loss], [c.loss], FIXTURE_TOL);
      expect(r.correct).toBe(c.correct);
      expectClose(dl, c.dlogits, FIXTURE_TOL);
      expectClose(probs, c.probs, FIXTURE_TOL);
    }
    for (const [name, fn] of [
      ['mse', w.mseLoss],
      ['bce_with_logits', w.bceWithLogits],
    ] as const) {
      for (const c of elementCases(name)) {
        const grad = new Float32Array(c.input.length);
        const r = fn(Float32Array.from(c.input), Float32Array.from(c.target), grad);
        expectClose([r.loss], [c.loss], FIXTURE_TOL);
        expectClose(grad, c.grad, FIXTURE_TOL);
      }
    }
  });

  it('rejects a label outside [0, classes) with the reference message', () => {
    const w = suite.staged();
    expect(() => w.softmaxCrossEntropy(new Float32Array(3), [3], new Float32Array(3), 1, 3)).toThrow(
      /label 3 of sample 0 is not in \[0, 3\)/,
    );
    expect(() => w.softmaxCrossEntropy(new Float32Array(6), [0, 1.5], new Float32Array(6), 2, 3)).toThrow(
      /label 1.5 of sample 1/,
    );
  });
});
