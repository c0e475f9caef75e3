// CPU reference of the losses with their gradients (PyTorch's reduction='mean'), same maths as
// shaders/softmax_cross_entropy.wgsl, mse.wgsl and bce_with_logits.wgsl.
import type { Floats } from './matmul';

export interface LossResult {
  /** The batch's mean loss, as PyTorch returns it. */
  loss: number;
  /** Correct predictions (argmax == label for cross-entropy; sign agreement per element for BCE). */
  correct: number;
}

/**
 * Softmax cross-entropy over logits [batch, classes] and integer labels: writes
 * dlogits = (softmax - onehot) / batch, and the probabilities when `probs` is given.
 */
export function softmaxCrossEntropy(
  logits: Floats,
  labels: ArrayLike<number>,
  dlogits: Floats,
  batch: number,
  classes: number,
  probs: Floats | null = null,
): LossResult {
  let total = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    const base = b * classes;
    const label = labels[b];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`cross-entropy: label ${label} of sample ${b} is not in [0, ${classes})`);
    }
    let mx = logits[base];
    let arg = 0;
    for (let j = 1; j < classes; j++) {
      if (logits[base + j] > mx) {
        mx = logits[base + j];
        arg = j;
      }
    }
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(logits[base + j] - mx);
    total += mx + Math.log(sum) - logits[base + label];
    if (arg === label) correct++;
    for (let j = 0; j < classes; j++) {
      const p = Math.exp(logits[base + j] - mx) / sum;
      if (probs) probs[base + j] = p;
      dlogits[base + j] = (p - (j === label ? 1 : 0)) / batch;
    }
  }
  return { loss: total / batch, correct };
}

/** Mean squared error over all elements; dpred = 2 (pred - target) / n. */
export function mseLoss(pred: Floats, target: Floats, dpred: Floats): LossResult {
  const n = pred.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = pred[i] - target[i];
    total += d * d;
    dpred[i] = (2 * d) / n;
  }
  return { loss: total / n, correct: 0 };
}

/** BCE on logits, stable form max(x,0) - x t + log(1 + exp(-|x|)); dlogits = (sigmoid(x) - t) / n. */
export function bceWithLogits(logits: Floats, target: Floats, dlogits: Floats): LossResult {
  const n = logits.length;
  let total = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const x = logits[i];
    const t = target[i];
    total += Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
    dlogits[i] = (1 / (1 + Math.exp(-x)) - t) / n;
    if (x > 0 === t > 0.5) correct++;
  }
  return { loss: total / n, correct };
}
