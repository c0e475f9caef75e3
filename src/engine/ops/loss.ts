// Losses on the GPU with their gradients and on-GPU metric accumulation. Each loss op is two dispatches:
// the loss kernel writes the gradient and per-thread partial sums, then loss_accumulate (one thread) adds
// them in a fixed order into a 4-float accumulator, so metrics are deterministic and read back only every
// N steps. The accumulator is cleared with clearLossAccumulator(encoder), a command-encoder operation that
// the trainer records before the step's compute pass.
import { readFloat32 } from '../../gpu/buffers';
import { bindKernel, getKernel, groups, groups1d, type Kernel } from '../../gpu/kernel';
import { bceWithLogitsSpec } from '../../gpu/kernels/bce_with_logits';
import { lossAccumulateSpec } from '../../gpu/kernels/loss_accumulate';
import { mseSpec } from '../../gpu/kernels/mse';
import { softmaxCrossEntropySpec } from '../../gpu/kernels/softmax_cross_entropy';
import { softmaxCrossEntropy2dSpec } from '../../gpu/kernels/softmax_cross_entropy2d';
import { checkLabelSmoothing, crossEntropy2dDims } from '../reference/loss';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, sizeOf, tensor, type Tensor } from '../tensor';
import { expectShape, expectSize, plannedOp, uniformsFor, type Dispatch } from './dispatch';

/** Accumulator words: [loss sum, correct, samples, batches whose loss was NaN or ±Inf]. */
export const LOSS_ACCUMULATOR_FLOATS = 4;
/** Elements per thread for MSE and BCE: each thread sums its chunk in order. */
const CHUNK = 64;
/** Pixels per thread for per-pixel cross-entropy (each costs 3 passes over its K logits). */
const PIXELS_PER_THREAD = 16;

export interface LossMetrics {
  /** Sum over batches of (batch mean loss × batch size). */
  lossSum: number;
  correct: number;
  samples: number;
  /** Batches whose loss was not finite: the trainer stops or warns when this is > 0. */
  nonFiniteBatches: number;
  /** lossSum / samples (NaN when no samples). */
  meanLoss: number;
  /** correct / samples, for cross-entropy; per-element sign agreement for BCE. */
  accuracy: number;
}

export function createLossAccumulator(ctx: EngineContext, name = 'loss-accumulator'): Tensor {
  return tensor(ctx.arena.storage(name, LOSS_ACCUMULATOR_FLOATS * 4), [LOSS_ACCUMULATOR_FLOATS]);
}

/** Zeroes the accumulator; record it on the encoder before (outside) the compute pass. */
export function clearLossAccumulator(encoder: GPUCommandEncoder, acc: Tensor): void {
  encoder.clearBuffer(acc.buffer, acc.offset, LOSS_ACCUMULATOR_FLOATS * 4);
}

export function decodeLossAccumulator(words: ArrayLike<number>): LossMetrics {
  const [lossSum, correct, samples, nonFiniteBatches] = Array.from(words).slice(0, LOSS_ACCUMULATOR_FLOATS);
  return {
    lossSum,
    correct,
    samples,
    nonFiniteBatches,
    meanLoss: samples > 0 ? lossSum / samples : NaN,
    accuracy: samples > 0 ? correct / samples : NaN,
  };
}

/** Reads the accumulator back (a fresh staging buffer: for tests and occasional reads, not the hot path). */
export async function readLossAccumulator(device: GPUDevice, acc: Tensor): Promise<LossMetrics> {
  return decodeLossAccumulator(await readFloat32(device, acc.buffer, LOSS_ACCUMULATOR_FLOATS, acc.offset));
}

/** The loss_accumulate dispatch adding `count` partial (loss, correct) pairs into an accumulator. */
export function accumulateDispatch(
  ctx: EngineContext,
  partial: GPUBuffer,
  count: number,
  acc: Tensor,
  values: { scale: number; samples: number },
  label: string,
): Dispatch {
  expectShape(`${label} accumulator`, acc, [LOSS_ACCUMULATOR_FLOATS]);
  const kernel = getKernel(ctx.device, lossAccumulateSpec);
  const params = uniformsFor(ctx, kernel, `${label}/accumulate/params`, { count, ...values });
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    { params, partial: { buffer: partial, offset: 0, size: 2 * count * 4 }, acc: bindingOf(acc) },
    `${label}/accumulate`,
  );
  return { pipeline: kernel.pipeline, bindGroup, workgroups: [1] };
}

export interface SoftmaxCrossEntropyArgs {
  /** [B, C] */
  logits: Tensor;
  /** u32 [B], each in [0, C); an out-of-range label gives a NaN loss, counted as non-finite. */
  labels: Tensor;
  /** [B, C], overwritten with (softmax - target) / B; the target is onehot without label smoothing. */
  dlogits: Tensor;
  /** [4] from createLossAccumulator; this batch's loss sum, correct count and size are ADDED. */
  accumulator: Tensor;
  /** [B, C], overwritten with the softmax probabilities, for predictions. */
  probs?: Tensor;
  /**
   * PyTorch's label_smoothing eps in [0, 1]: loss (1 - eps) * NLL + eps * mean over classes of -log p,
   * target (1 - eps) * onehot + eps / C. 0 (the default) runs exactly the unsmoothed kernel.
   */
  labelSmoothing?: number;
}

export function planSoftmaxCrossEntropy(
  ctx: EngineContext,
  t: SoftmaxCrossEntropyArgs,
  label = 'cross_entropy',
): PlannedOp {
  if (t.logits.shape.length !== 2)
    throw new Error(`${label}: logits must be [B, C], got [${t.logits.shape}]`);
  const [batch, classes] = t.logits.shape;
  expectShape(`${label} labels`, t.labels, [batch]);
  expectShape(`${label} dlogits`, t.dlogits, [batch, classes]);
  if (t.probs) expectShape(`${label} probs`, t.probs, [batch, classes]);
  const smoothing = checkLabelSmoothing(t.labelSmoothing ?? 0);
  const constants = { WRITE_PROBS: Number(Boolean(t.probs)), SMOOTH: Number(smoothing > 0) };
  const spec = { ...softmaxCrossEntropySpec, constants };
  const kernel = getKernel(ctx.device, spec);
  const values = { batch, classes, inv_batch: 1 / batch, smoothing };
  const params = uniformsFor(ctx, kernel, `${label}/params`, values);
  const partial = ctx.arena.storage(`${label}/partial`, 2 * batch * 4);
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      logits: bindingOf(t.logits),
      labels: bindingOf(t.labels),
      dlogits: bindingOf(t.dlogits),
      // Without probabilities, the partial buffer stands in for the unused (never written) binding.
      probs: t.probs ? bindingOf(t.probs) : ctx.arena.storage(`${label}/no-probs`, 4),
      partial,
    },
    label,
  );
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(batch, spec.workgroupSize[0]) },
    accumulateDispatch(ctx, partial, batch, t.accumulator, { scale: 1, samples: batch }, label),
  ]);
}

export interface SoftmaxCrossEntropy2dArgs {
  /** [B, K, H, W] */
  logits: Tensor;
  /** u32 [B, H, W], each in [0, K); an out-of-range label gives a NaN loss, counted as non-finite. */
  labels: Tensor;
  /** [B, K, H, W], overwritten with (softmax - target) / (B*H*W) along K. */
  dlogits: Tensor;
  /**
   * [4] from createLossAccumulator; ADDED: the pixels' summed loss, the correct-pixel count and B*H*W as
   * samples, so meanLoss is the mean per-pixel loss and accuracy the pixel accuracy.
   */
  accumulator: Tensor;
  /** [B, K, H, W], overwritten with the softmax probabilities along K. */
  probs?: Tensor;
  /** PyTorch's label_smoothing, as for planSoftmaxCrossEntropy. */
  labelSmoothing?: number;
  /**
   * [K] class weights: each pixel's loss and gradient times weights[label], then the mean over all pixels
   * (PyTorch's weight=w with reduction='none', then .mean()). Not combined with label smoothing.
   */
  classWeights?: Tensor;
}

/** Per-pixel softmax cross-entropy (nn.CrossEntropyLoss on 4-D logits), the mean over all B*H*W pixels. */
export function planSoftmaxCrossEntropy2d(
  ctx: EngineContext,
  t: SoftmaxCrossEntropy2dArgs,
  label = 'cross_entropy2d',
): PlannedOp {
  const [batch, classes, plane] = crossEntropy2dDims(t.logits.shape);
  const pixels = batch * plane;
  const [, , h, w] = t.logits.shape;
  expectShape(`${label} labels`, t.labels, [batch, h, w]);
  expectShape(`${label} dlogits`, t.dlogits, t.logits.shape);
  if (t.probs) expectShape(`${label} probs`, t.probs, t.logits.shape);
  const smoothing = checkLabelSmoothing(t.labelSmoothing ?? 0);
  if (t.classWeights) {
    expectShape(`${label} class weights`, t.classWeights, [classes]);
    if (smoothing > 0) throw new Error(`${label}: class weights and label smoothing cannot be combined`);
  }
  const constants = {
    WRITE_PROBS: Number(Boolean(t.probs)),
    SMOOTH: Number(smoothing > 0),
    WEIGHTED: Number(Boolean(t.classWeights)),
  };
  const spec = { ...softmaxCrossEntropy2dSpec, constants };
  const kernel = getKernel(ctx.device, spec);
  const parts = groups(pixels, PIXELS_PER_THREAD);
  const values = { pixels, plane, classes, parts, inv_pixels: 1 / pixels, smoothing };
  const params = uniformsFor(ctx, kernel, `${label}/params`, values);
  const partial = ctx.arena.storage(`${label}/partial`, 2 * parts * 4);
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      logits: bindingOf(t.logits),
      labels: bindingOf(t.labels),
      dlogits: bindingOf(t.dlogits),
      // Without probabilities, a small buffer stands in for the unused (never written) binding.
      probs: t.probs ? bindingOf(t.probs) : ctx.arena.storage(`${label}/no-probs`, 4),
      partial,
      // Likewise for the weights, never read without WEIGHTED.
      weights: t.classWeights ? bindingOf(t.classWeights) : ctx.arena.storage(`${label}/no-weights`, 4),
    },
    label,
  );
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(parts, spec.workgroupSize[0]) },
    accumulateDispatch(ctx, partial, parts, t.accumulator, { scale: 1, samples: pixels }, label),
  ]);
}

export interface ElementwiseLossArgs {
  /** Predictions (MSE) or logits (BCE), [B, ...]. */
  input: Tensor;
  /** Same shape as input. */
  target: Tensor;
  /** Same shape as input, overwritten with the gradient of the mean loss. */
  grad: Tensor;
  accumulator: Tensor;
}

function planElementwiseLoss(
  ctx: EngineContext,
  kernel: Kernel,
  t: ElementwiseLossArgs,
  names: { input: string; grad: string },
  gradScale: (n: number) => Record<string, number>,
  label: string,
): PlannedOp {
  const n = sizeOf(t.input.shape);
  expectSize(`${label} target`, t.target, n);
  expectSize(`${label} gradient`, t.grad, n);
  const parts = groups(n, CHUNK);
  const batch = t.input.shape[0];
  const params = uniformsFor(ctx, kernel, `${label}/params`, { n, chunk: CHUNK, parts, ...gradScale(n) });
  const partial = ctx.arena.storage(`${label}/partial`, 2 * parts * 4);
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      [names.input]: bindingOf(t.input),
      targets: bindingOf(t.target),
      [names.grad]: bindingOf(t.grad),
      partial,
    },
    label,
  );
  // The accumulator adds (batch mean loss) × batch, so lossSum / samples is the mean over batches.
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(parts, kernel.spec.workgroupSize[0]) },
    accumulateDispatch(ctx, partial, parts, t.accumulator, { scale: batch / n, samples: batch }, label),
  ]);
}

/** MSE, mean over all elements: grad = 2 (input - target) / n. */
export function planMseLoss(ctx: EngineContext, t: ElementwiseLossArgs, label = 'mse'): PlannedOp {
  const kernel = getKernel(ctx.device, mseSpec);
  const names = { input: 'pred', grad: 'dpred' };
  return planElementwiseLoss(ctx, kernel, t, names, (n) => ({ grad_scale: 2 / n }), label);
}

/** BCE with logits, mean over all elements: grad = (sigmoid(input) - target) / n. */
export function planBceWithLogits(ctx: EngineContext, t: ElementwiseLossArgs, label = 'bce'): PlannedOp {
  const kernel = getKernel(ctx.device, bceWithLogitsSpec);
  const names = { input: 'logits', grad: 'dlogits' };
  return planElementwiseLoss(ctx, kernel, t, names, (n) => ({ grad_scale: 1 / n }), label);
}
