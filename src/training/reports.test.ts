import { describe, expect, it } from 'vitest';
import {
  argmaxRow,
  divergenceMessage,
  explosionMessage,
  softmaxRow,
  summariseLogits,
  Throughput,
} from './reports';

describe('evaluation summaries', () => {
  it('computes mean cross-entropy, accuracy and the confusion matrix (row = true label)', () => {
    // Two samples: the first is confidently right (class 3), the second wrongly predicts 1 for label 7.
    const logits = new Float32Array(20);
    logits[3] = 10;
    logits[10 + 1] = 2;
    const labels = Uint8Array.from([3, 7]);
    const s = summariseLogits(logits, labels, 2);
    const lossOf = (row: number, label: number) => {
      const r = Array.from(logits.subarray(row * 10, row * 10 + 10));
      const lse = Math.log(r.reduce((a, v) => a + Math.exp(v), 0));
      return lse - r[label];
    };
    expect(s.loss).toBeCloseTo((lossOf(0, 3) + lossOf(1, 7)) / 2, 10);
    expect(s.accuracy).toBe(0.5);
    expect(s.confusion[3 * 10 + 3]).toBe(1);
    expect(s.confusion[7 * 10 + 1]).toBe(1);
    expect(s.confusion.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('takes the first maximum like torch.argmax and stays finite for huge logits', () => {
    const logits = Float32Array.from([1, 5, 5, 0, 0, 0, 0, 0, 0, 1e30]);
    expect(argmaxRow(logits, 0, 10)).toBe(9);
    expect(argmaxRow(Float32Array.from([0, 2, 2]), 0, 3)).toBe(1);
    const p = new Float32Array(10);
    softmaxRow(logits, 0, 10, p);
    expect(p[9]).toBe(1);
    expect(p.every(Number.isFinite)).toBe(true);
  });
});

describe('divergence message', () => {
  it('says what became NaN, at which step, and what to try', () => {
    expect(divergenceMessage(1234, 100, 'loss', NaN)).toBe(
      'The loss became NaN at step 1234: the learning rate 100 is too high. Lower it (try 0.01) and press Reset.',
    );
    expect(divergenceMessage(5, 0.05, 'loss', Infinity)).toMatch(
      /became infinite at step 5: .* 0\.05 .*try 0\.005/,
    );
  });

  it('says how far a finite loss rose and for how long', () => {
    const explosion = { loss: 206.31, limit: 10 * Math.log(10), steps: 50 };
    expect(explosionMessage(60, explosion, { lr: 100, loadedLargest: null })).toBe(
      'The loss rose to 206 by step 60 and stayed above 23, 10 times where training began, for 50 steps: the learning rate 100 is too high. Lower it (try 0.01) and press Reset.',
    );
  });

  it('blames loaded weights of absurd size, not the learning rate', () => {
    const message =
      'the loaded weights hold values as large as 3.0e+38, too large to train from at any learning rate. Load other weights, or press Reset to start from fresh ones.';
    expect(divergenceMessage(3, 0.001, 'loss', NaN, 3e38)).toBe(`The loss became NaN at step 3: ${message}`);
    const explosion = { loss: 1e30, limit: 23.0258, steps: 60 };
    expect(explosionMessage(60, explosion, { lr: 0.001, loadedLargest: 3e38 })).toBe(
      `The loss rose to 1e+30 by step 60 and stayed above 23, 10 times where training began, for 60 steps: ${message}`,
    );
  });
});

describe('throughput', () => {
  it('reports images per second and ms per step over the interval', () => {
    let t = 1000;
    const meter = new Throughput(() => t);
    meter.add(4, 256);
    t += 500;
    expect(meter.read()).toEqual({ imagesPerSecond: 512, stepMs: 125 });
    t += 100;
    expect(meter.read().imagesPerSecond).toBe(0);
  });
});
