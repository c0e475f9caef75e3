// conv_transpose2d on the GPU. It is the adjoint of conv2d, so each pass runs a conv2d kernel with roles
// swapped: forward = conv2d's backward-input kernel (plus bias), dx = conv2d's forward kernel, and dW =
// conv2d's weight-gradient kernel with the input and the output gradient exchanged.
import type { EngineContext, PlannedOp } from '../op';
import type { Tensor } from '../tensor';
import { convTranspose2dGeometry, type ConvTranspose2dParams } from './conv-geometry';
import { planCorrelate, planCorrelateTransposed } from './conv-passes';
import { planChannelSum, planWeightGrad } from './conv-grad-passes';

export type { ConvTranspose2dParams } from './conv-geometry';

export interface ConvTranspose2dForwardArgs {
  /** [n, cin, h, w] */
  x: Tensor;
  /** [cin, cout / groups, kh, kw], PyTorch's layout. */
  weight: Tensor;
  /** [cout] */
  bias?: Tensor | null;
  /** [n, cout, oh, ow] with oh = (h-1)*stride - 2*padding + dilation*(kh-1) + output_padding + 1. */
  y: Tensor;
  params?: ConvTranspose2dParams;
  label?: string;
}

export function planConvTranspose2dForward(ctx: EngineContext, a: ConvTranspose2dForwardArgs): PlannedOp {
  const g = convTranspose2dGeometry(a.x.shape, a.weight.shape, a.params);
  const t = { x: a.x, weight: a.weight, bias: a.bias ?? null, y: a.y };
  return planCorrelateTransposed(ctx, a.label ?? 'conv_transpose2d.forward', g, t);
}

/** dx = conv2d(dy, weight) with the same stride, padding and dilation; dx [n,cin,h,w] is overwritten. */
export function planConvTranspose2dBackwardInput(
  ctx: EngineContext,
  a: { dy: Tensor; weight: Tensor; dx: Tensor; params?: ConvTranspose2dParams; label?: string },
): PlannedOp {
  const g = convTranspose2dGeometry(a.dx.shape, a.weight.shape, a.params);
  const t = { x: a.dy, weight: a.weight, bias: null, y: a.dx, relu: false };
  return planCorrelate(ctx, a.label ?? 'conv_transpose2d.backward_input', g, t);
}

/** dweight [cin,cout/groups,kh,kw] = sum over n and positions of x [n,cin,·] times the matching dy [n,cout,·]. */
export function planConvTranspose2dBackwardWeight(
  ctx: EngineContext,
  a: { x: Tensor; dy: Tensor; dweight: Tensor; params?: ConvTranspose2dParams; label?: string },
): PlannedOp {
  const g = convTranspose2dGeometry(a.x.shape, a.dweight.shape, a.params);
  const t = { x: a.dy, dy: a.x, dweight: a.dweight };
  return planWeightGrad(ctx, a.label ?? 'conv_transpose2d.backward_weight', g, t);
}

/** dbias [cout] = dy summed over batch and space. */
export function planConvTranspose2dBackwardBias(
  ctx: EngineContext,
  a: { dy: Tensor; dbias: Tensor; label?: string },
): PlannedOp {
  return planChannelSum(ctx, a.label ?? 'conv_transpose2d.backward_bias', a);
}
