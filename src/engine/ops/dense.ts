// The dense tasks' GPU ops: the detection head's loss (CenterNet's focal loss on centre heatmaps plus L1 on
// box sizes and offsets) with its gradient, the head's decoding into per-cell boxes, and the segmentation
// metrics' confusion counts. Decoding and counting on the GPU shrink what an evaluation reads back: six
// floats per cell instead of K + 4, and K² counts instead of K logits per pixel.
import { bindKernel, getKernel, groups, groups1d } from '../../gpu/kernel';
import { centerNetDecodeSpec } from '../../gpu/kernels/centernet_decode';
import { centerNetLossSpec } from '../../gpu/kernels/centernet_loss';
import { segmentationConfusionSpec } from '../../gpu/kernels/segmentation_confusion';
import {
  BOX_CHANNELS,
  CENTERNET_WEIGHTS,
  DECODED_FLOATS,
  type CenterNetWeights,
} from '../reference/centernet';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, type Tensor } from '../tensor';
import { accumulateDispatch } from './loss';
import { expectShape, plannedOp, uniformsFor } from './dispatch';

/** Cells per thread of the loss: each costs K + 4 exponentials and stores. */
const CELLS_PER_THREAD = 8;
/** Pixels per thread of the confusion counts. */
const PIXELS_PER_THREAD = 16;

function headDims(output: Tensor, label: string): { batch: number; classes: number; h: number; w: number } {
  const [batch, channels, h, w] = output.shape;
  if (output.shape.length !== 4 || channels <= BOX_CHANNELS)
    throw new Error(
      `${label}: the head's output must be [B, K + ${BOX_CHANNELS}, h, w] with K ≥ 1, got [${output.shape}]`,
    );
  return { batch, classes: channels - BOX_CHANNELS, h, w };
}

export interface CenterNetLossArgs {
  /** [B, K + 4, h, w]: heatmap logits, box width and height (in cells), centre offset x and y. */
  output: Tensor;
  /** Same shape: heatmap targets (exactly 1 at centres), then sizes and offsets read where mask is 1. */
  target: Tensor;
  /** [B, h, w]: 1 at each object's centre cell. */
  mask: Tensor;
  /** [1]: the number of objects in the batch (the sum of mask), written with the targets. */
  count: Tensor;
  /** Same shape as output, overwritten with d(loss)/d(output). */
  grad: Tensor;
  /** [4] from createLossAccumulator: ADDED the batch's loss × B and B samples. */
  accumulator: Tensor;
  weights?: CenterNetWeights;
}

/** CenterNet's loss (see reference/centernet.ts), the mean per object; two dispatches. */
export function planCenterNetLoss(ctx: EngineContext, t: CenterNetLossArgs, label = 'centernet'): PlannedOp {
  const { batch, classes, h, w } = headDims(t.output, label);
  expectShape(`${label} target`, t.target, t.output.shape);
  expectShape(`${label} gradient`, t.grad, t.output.shape);
  expectShape(`${label} mask`, t.mask, [batch, h, w]);
  expectShape(`${label} object count`, t.count, [1]);
  const weights = t.weights ?? CENTERNET_WEIGHTS;
  const kernel = getKernel(ctx.device, centerNetLossSpec);
  const cells = batch * h * w;
  const parts = groups(cells, CELLS_PER_THREAD);
  const values = {
    cells,
    plane: h * w,
    classes,
    parts,
    size_weight: weights.size,
    offset_weight: weights.offset,
  };
  const params = uniformsFor(ctx, kernel, `${label}/params`, values);
  const partial = ctx.arena.storage(`${label}/partial`, 2 * parts * 4);
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      output: bindingOf(t.output),
      targets: bindingOf(t.target),
      mask: bindingOf(t.mask),
      count: bindingOf(t.count),
      grad: bindingOf(t.grad),
      partial,
    },
    label,
  );
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(parts, kernel.spec.workgroupSize[0]) },
    accumulateDispatch(ctx, partial, parts, t.accumulator, { scale: batch, samples: batch }, label),
  ]);
}

export interface CenterNetDecodeArgs {
  /** [B, K + 4, h, w] */
  output: Tensor;
  /** [B, h·w, 6]: (score, class, x0, y0, x1, y1) per cell, score 0 where no class peaks. */
  decoded: Tensor;
  /** Input pixels per output cell. */
  stride: number;
}

export function planCenterNetDecode(
  ctx: EngineContext,
  t: CenterNetDecodeArgs,
  label = 'centernet-decode',
): PlannedOp {
  const { batch, classes, h, w } = headDims(t.output, label);
  expectShape(`${label} decoded`, t.decoded, [batch, h * w, DECODED_FLOATS]);
  if (!(t.stride > 0)) throw new Error(`${label}: the stride must be positive, got ${t.stride}`);
  const kernel = getKernel(ctx.device, centerNetDecodeSpec);
  const cells = batch * h * w;
  const params = uniformsFor(ctx, kernel, `${label}/params`, {
    cells,
    width: w,
    height: h,
    classes,
    stride: t.stride,
  });
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    { params, output: bindingOf(t.output), decoded: bindingOf(t.decoded) },
    label,
  );
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(cells, kernel.spec.workgroupSize[0]) },
  ]);
}

export interface SegmentationConfusionArgs {
  /** [B, K, H, W] */
  logits: Tensor;
  /** u32 [B, H, W] */
  labels: Tensor;
  /** u32 [K·K], ADDED to (clear it between evaluations): row = label, column = prediction. */
  confusion: Tensor;
  /** u32 [B, H, W], overwritten with each pixel's predicted class when given. */
  predicted?: Tensor;
}

export function planSegmentationConfusion(
  ctx: EngineContext,
  t: SegmentationConfusionArgs,
  label = 'segmentation-confusion',
): PlannedOp {
  if (t.logits.shape.length !== 4)
    throw new Error(`${label}: logits must be [B, K, H, W], got [${t.logits.shape}]`);
  const [batch, classes, h, w] = t.logits.shape;
  expectShape(`${label} labels`, t.labels, [batch, h, w]);
  expectShape(`${label} confusion`, t.confusion, [classes * classes]);
  if (t.predicted) expectShape(`${label} predicted`, t.predicted, [batch, h, w]);
  const spec = { ...segmentationConfusionSpec, constants: { WRITE_PRED: Number(Boolean(t.predicted)) } };
  const kernel = getKernel(ctx.device, spec);
  const pixels = batch * h * w;
  const parts = groups(pixels, PIXELS_PER_THREAD);
  const params = uniformsFor(ctx, kernel, `${label}/params`, { pixels, plane: h * w, classes, parts });
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      logits: bindingOf(t.logits),
      labels: bindingOf(t.labels),
      confusion: bindingOf(t.confusion),
      // Without predictions, a small buffer stands in for the unused (never written) binding.
      predicted: t.predicted ? bindingOf(t.predicted) : ctx.arena.storage(`${label}/no-predicted`, 4),
    },
    label,
  );
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(parts, spec.workgroupSize[0]) },
  ]);
}
