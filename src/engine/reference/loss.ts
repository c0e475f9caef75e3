// CPU reference of the losses with their gradients (PyTorch's reduction='mean'), same maths as
// shaders/softmax_cross_entropy.wgsl, softmax_cross_entropy2d.wgsl, mse.wgsl and bce_with_logits.wgsl.
import type { Floats } from './matmul';

export interface LossResult {
  /** The batch's mean loss, as PyTorch returns it. */
  loss: number;
  /** Correct predictions (argmax == label for cross-entropy; sign agreement per element for BCE). */
  correct: number;
}

/** Checks label_smoothing as PyTorch does: a number in [0, 1]. */
export function checkLabelSmoothing(eps: number): number {
  if (!(eps >= 0 && eps <= 1))
    throw new Error(`cross-entropy: label_smoothing must be in [0, 1], got ${eps}`);
  return eps;
}

/**
 * One sample's (or pixel's) cross-entropy over `classes` logits at base, base + stride, ...: returns its loss
 * (1 - eps) * -log p[label] + eps * mean over classes of -log p, PyTorch's label smoothing, and whether the
 * first maximum is the label; writes dlogits = (p - (1 - eps) * onehot - eps / classes) / count (the mean's
 * count of terms) and the probabilities when given.
 */
function crossEntropyAt(
  logits: Floats,
  label: number,
  at: { base: number; stride: number; classes: number; count: number; smoothing: number; weight?: number },
  dlogits: Floats,
  probs: Floats | null,
): { loss: number; correct: boolean } {
  const { base, stride, classes, count, smoothing: eps } = at;
  const weight = at.weight ?? 1;
  let mx = logits[base];
  let arg = 0;
  for (let j = 1; j < classes; j++) {
    if (logits[base + j * stride] > mx) {
      mx = logits[base + j * stride];
      arg = j;
    }
  }
  let sum = 0;
  let sumLogits = 0;
  for (let j = 0; j < classes; j++) {
    sum += Math.exp(logits[base + j * stride] - mx);
    sumLogits += logits[base + j * stride];
  }
  const lse = mx + Math.log(sum);
  let loss = lse - logits[base + label * stride];
  // Smoothing's term: mean over classes of -log p_j = lse - mean(logits).
  if (eps > 0) loss = (1 - eps) * loss + eps * (lse - sumLogits / classes);
  for (let j = 0; j < classes; j++) {
    const i = base + j * stride;
    const p = Math.exp(logits[i] - mx) / sum;
    if (probs) probs[i] = p;
    const target = eps > 0 ? (j === label ? 1 - eps : 0) + eps / classes : j === label ? 1 : 0;
    dlogits[i] = ((p - target) * weight) / count;
  }
  return { loss: loss * weight, correct: arg === label };
}

function checkLabel(label: number, classes: number, what: string): void {
  if (!Number.isInteger(label) || label < 0 || label >= classes) {
    throw new Error(`cross-entropy: label ${label} of ${what} is not in [0, ${classes})`);
  }
}

/**
 * Softmax cross-entropy over logits [batch, classes] and integer labels: writes
 * dlogits = (softmax - onehot) / batch, and the probabilities when `probs` is given. With label smoothing
 * eps (PyTorch's label_smoothing) the target is (1 - eps) * onehot + eps / classes.
 */
export function softmaxCrossEntropy(
  logits: Floats,
  labels: ArrayLike<number>,
  dlogits: Floats,
  batch: number,
  classes: number,
  probs: Floats | null = null,
  labelSmoothing = 0,
): LossResult {
  const smoothing = checkLabelSmoothing(labelSmoothing);
  let total = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    checkLabel(labels[b], classes, `sample ${b}`);
    const at = { base: b * classes, stride: 1, classes, count: batch, smoothing };
    const r = crossEntropyAt(logits, labels[b], at, dlogits, probs);
    total += r.loss;
    if (r.correct) correct++;
  }
  return { loss: total / batch, correct };
}

/**
 * Per-pixel softmax cross-entropy (nn.CrossEntropyLoss on 4-D input) over logits [B, K, H, W] and labels
 * [B, H, W]: the loss is the mean over all B*H*W pixels, `correct` counts pixels whose first maximum is the
 * label, dlogits = (softmax - target) / (B*H*W) over the class axis, probabilities written when given.
 * With `classWeights` [K] each pixel's loss and gradient are times weights[label] before the mean
 * (PyTorch's weight=w, reduction='none', then .mean()); they cannot be combined with label smoothing.
 */
export function softmaxCrossEntropy2d(
  logits: Floats,
  labels: ArrayLike<number>,
  dlogits: Floats,
  shape: readonly number[],
  probs: Floats | null = null,
  labelSmoothing = 0,
  classWeights: ArrayLike<number> | null = null,
): LossResult {
  const [batch, classes, plane] = crossEntropy2dDims(shape);
  const smoothing = checkLabelSmoothing(labelSmoothing);
  if (classWeights) {
    if (classWeights.length !== classes)
      throw new Error(`cross-entropy: ${classWeights.length} class weights for ${classes} classes`);
    if (smoothing > 0) throw new Error('cross-entropy: class weights and label smoothing cannot be combined');
  }
  const pixels = batch * plane;
  if (labels.length !== pixels) {
    throw new Error(`cross-entropy: ${labels.length} labels for ${pixels} pixels of logits [${shape}]`);
  }
  let total = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < plane; s++) {
      const label = labels[b * plane + s];
      checkLabel(label, classes, `pixel ${s} of sample ${b}`);
      const weight = classWeights ? classWeights[label] : 1;
      const at = { base: b * classes * plane + s, stride: plane, classes, count: pixels, smoothing, weight };
      const r = crossEntropyAt(logits, label, at, dlogits, probs);
      total += r.loss;
      if (r.correct) correct++;
    }
  }
  return { loss: total / pixels, correct };
}

/** [B, K, H*W] of per-pixel logits [B, K, H, W]; throws a specific message otherwise. */
export function crossEntropy2dDims(shape: readonly number[]): [number, number, number] {
  if (shape.length !== 4 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(
      `cross-entropy: per-pixel logits must be [B, K, H, W] with positive sizes, got [${shape}]`,
    );
  }
  return [shape[0], shape[1], shape[2] * shape[3]];
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
