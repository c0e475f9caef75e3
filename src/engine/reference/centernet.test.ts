import { describe, expect, it } from 'vitest';
import { expectClose } from '../../gpu/testing/close';
import { centerNetDecode, centerNetLoss, segmentationConfusion, type CenterNetShape } from './centernet';
import {
  centerNetDecodeCases,
  centerNetLossCases,
  confusionCases,
  weightedCrossEntropy2dCases,
} from './dense-fixture';
import { numericGradient, seededValues } from './gradcheck';
import { softmaxCrossEntropy2d } from './loss';

// PyTorch in f32 vs float64 here.
const TOL = { atol: 1e-6, rtol: 1e-5 };
const FD_TOL = { atol: 1e-6, rtol: 1e-4 };

const shapeOf = ([batch, classes, height, width]: number[]): CenterNetShape => ({
  batch,
  classes,
  height,
  width,
});

describe('per-pixel cross-entropy with class weights', () => {
  it('matches PyTorch (weight=w, reduction none, then the mean over pixels)', () => {
    for (const c of weightedCrossEntropy2dCases()) {
      const dl = new Float64Array(c.logits.length);
      const r = softmaxCrossEntropy2d(Float64Array.from(c.logits), c.labels, dl, c.shape, null, 0, c.weights);
      expectClose([r.loss], [c.loss], TOL);
      expect(r.correct).toBe(c.correct);
      expectClose(dl, c.dlogits, TOL);
    }
  });

  it('agrees with finite differences, and refuses weights of the wrong length or with label smoothing', () => {
    const shape = [2, 3, 3, 5];
    const x = seededValues(90, 11, -2, 2);
    const labels = Array.from(seededValues(30, 12, 0, 3), Math.floor);
    const weights = [0.1, 1, 3];
    const grad = new Float64Array(90);
    softmaxCrossEntropy2d(x, labels, grad, shape, null, 0, weights);
    const scratch = new Float64Array(90);
    const numeric = numericGradient(
      (v) => softmaxCrossEntropy2d(v, labels, scratch, shape, null, 0, weights).loss,
      x,
    );
    expectClose(grad, numeric, FD_TOL);
    expect(() => softmaxCrossEntropy2d(x, labels, grad, shape, null, 0, [1, 1])).toThrow(
      '2 class weights for 3 classes',
    );
    expect(() => softmaxCrossEntropy2d(x, labels, grad, shape, null, 0.1, weights)).toThrow(
      'class weights and label smoothing cannot be combined',
    );
  });
});

describe('CenterNet loss (CPU reference)', () => {
  it('matches PyTorch autograd: focal loss at peaks and elsewhere, L1 at centres, no objects', () => {
    for (const c of centerNetLossCases()) {
      const grad = new Float64Array(c.output.length);
      const r = centerNetLoss(
        Float64Array.from(c.output),
        Float64Array.from(c.target),
        Float64Array.from(c.mask),
        shapeOf(c.shape),
        grad,
      );
      expectClose([r.loss], [c.loss], TOL);
      expectClose(grad, c.grad, TOL);
    }
  });

  it('agrees with finite differences away from the kinks of |·|', () => {
    const shape = shapeOf([2, 3, 3, 4]);
    const n = 2 * 7 * 12;
    const output = seededValues(n, 3, -3, 3);
    const target = seededValues(n, 4, 0, 0.9);
    const mask = new Float64Array(24);
    for (const [b, k, s] of [
      [0, 1, 5],
      [1, 2, 7],
      [1, 0, 0],
    ]) {
      target[(b * 7 + k) * 12 + s] = 1;
      mask[b * 12 + s] = 1;
    }
    const grad = new Float64Array(n);
    const r = centerNetLoss(output, target, mask, shape, grad, { size: 0.3, offset: 0.7 });
    expect(r.objects).toBe(3);
    const scratch = new Float64Array(n);
    const numeric = numericGradient(
      (v) => centerNetLoss(v, target, mask, shape, scratch, { size: 0.3, offset: 0.7 }).loss,
      output,
    );
    expectClose(grad, numeric, FD_TOL);
  });

  it('stays finite for logits of ±1e4 and names a wrong size', () => {
    const shape = shapeOf([1, 1, 1, 2]);
    const output = Float64Array.from([1e4, -1e4, 0, 0, 0, 0, 0, 0, 0, 0]);
    const target = Float64Array.from([1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0]);
    const grad = new Float64Array(10);
    const r = centerNetLoss(output, target, Float64Array.from([1, 0]), shape, grad);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(grad.every(Number.isFinite)).toBe(true);
    expect(() => centerNetLoss(output.subarray(1), target, new Float64Array(2), shape, grad)).toThrow(
      'the output has 9 values, [1, 5, 1, 2] needs 10',
    );
  });
});

describe('CenterNet decoding and segmentation counts (CPU reference)', () => {
  it('decodes like PyTorch: max-pool peaks, the best peaking class per cell, boxes in pixels', () => {
    for (const c of centerNetDecodeCases()) {
      const decoded = centerNetDecode(Float64Array.from(c.output), shapeOf(c.shape), c.stride);
      expectClose(decoded, c.decoded, TOL);
    }
  });

  it('counts argmax against labels like PyTorch', () => {
    for (const c of confusionCases()) {
      const r = segmentationConfusion(Float64Array.from(c.logits), c.labels, c.shape);
      expect(Array.from(r.predicted)).toEqual(c.predicted);
      expect(Array.from(r.confusion)).toEqual(c.confusion);
    }
  });
});
