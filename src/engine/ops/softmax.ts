// Softmax over dim 1 as a layer on the GPU, forward and backward side by side: over the features of
// [B, N], or over the channels of [B, C, H, W] at every pixel. One thread per softmax (a row of [B, N], a
// pixel of an image) walks its channels; numerically stable (max subtracted). Backward reads the forward
// output y (not x): dx = y ⊙ (dy − Σ dy ⊙ y). The classifier's loss keeps its own fused
// softmax_cross_entropy; this is softmax as a layer inside a network.
import { bindKernel, getKernel, type BindingResource, type KernelSpec } from '../../gpu/kernel';
import { softmaxBackwardSpec } from '../../gpu/kernels/softmax_backward';
import { softmaxForwardSpec } from '../../gpu/kernels/softmax_forward';
import type { EngineContext, PlannedOp } from '../op';
import { softmaxDims } from '../reference/softmax';
import { bindingOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor } from './dispatch';
import { rowGrid } from './row-grid';

function planSoftmaxPass(
  ctx: EngineContext,
  label: string,
  shape: readonly number[],
  spec: (workgroupSize: readonly [number, number]) => KernelSpec,
  bind: Readonly<Record<string, BindingResource>>,
): PlannedOp {
  const dims = softmaxDims(shape);
  const grid = rowGrid(dims.inner, dims.rows);
  const kernel = getKernel(ctx.device, spec(grid.workgroupSize));
  const params = uniformsFor(ctx, kernel, `${label}/params`, dims);
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind }, label);
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups }]);
}

/** y = softmax(x, dim=1); y shaped like x, not overlapping it. */
export function planSoftmaxForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor },
  label = 'softmax_forward',
): PlannedOp {
  expectShape(`${label} y`, a.y, a.x.shape);
  const bind = { x: bindingOf(a.x), y: bindingOf(a.y) };
  return planSoftmaxPass(ctx, label, a.x.shape, softmaxForwardSpec, bind);
}

/** dx = y ⊙ (dy − Σ_c dy ⊙ y), with y the forward output; all three shaped alike. */
export function planSoftmaxBackward(
  ctx: EngineContext,
  a: { y: Tensor; dy: Tensor; dx: Tensor },
  label = 'softmax_backward',
): PlannedOp {
  expectShape(`${label} dy`, a.dy, a.y.shape);
  expectShape(`${label} dx`, a.dx, a.y.shape);
  const bind = { y: bindingOf(a.y), dy: bindingOf(a.dy), dx: bindingOf(a.dx) };
  return planSoftmaxPass(ctx, label, a.y.shape, softmaxBackwardSpec, bind);
}
