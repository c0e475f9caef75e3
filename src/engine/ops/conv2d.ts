// conv2d on the GPU: forward and its backward passes (input; weight and bias together), planned once (kernel
// chosen by shape, uniforms and bind groups made here) and then only encoded. Backward passes overwrite their
// outputs.
import type { EngineContext, PlannedOp } from '../op';
import type { Tensor } from '../tensor';
import { conv2dGeometry, type Conv2dParams } from './conv-geometry';
import { planCorrelate, planCorrelateTransposed } from './conv-passes';
import { planWeightGrad } from './conv-grad-passes';

export type { Conv2dParams } from './conv-geometry';

export interface Conv2dForwardArgs {
  /** [n, cin, h, w] */
  x: Tensor;
  /** [cout, cin / groups, kh, kw], PyTorch's layout. */
  weight: Tensor;
  /** [cout] */
  bias?: Tensor | null;
  /** [n, cout, oh, ow] */
  y: Tensor;
  params?: Conv2dParams;
  /** Fuses max(0, ·) after the bias (the backward of that ReLU is the activation op's). */
  relu?: boolean;
  label?: string;
}

/** y = conv2d(x, weight) + bias, optionally with ReLU fused. */
export function planConv2dForward(ctx: EngineContext, a: Conv2dForwardArgs): PlannedOp {
  const g = conv2dGeometry(a.x.shape, a.weight.shape, a.params);
  const t = { x: a.x, weight: a.weight, bias: a.bias ?? null, y: a.y, relu: a.relu ?? false };
  return planCorrelate(ctx, a.label ?? 'conv2d.forward', g, t);
}

/** dx = conv_transpose2d(dy, weight): gradient of the input; dx [n,cin,h,w] is overwritten. */
export function planConv2dBackwardInput(
  ctx: EngineContext,
  a: { dy: Tensor; weight: Tensor; dx: Tensor; params?: Conv2dParams; label?: string },
): PlannedOp {
  const g = conv2dGeometry(a.dx.shape, a.weight.shape, a.params);
  const t = { x: a.dy, weight: a.weight, bias: null, y: a.dx };
  return planCorrelateTransposed(ctx, a.label ?? 'conv2d.backward_input', g, t);
}

/**
 * dweight [cout,cin/groups,kh,kw] from the layer input x and dy, and dbias [cout] (dy summed over batch and
 * space) when given, by split-K with a deterministic reduction; the bias is folded into the weight kernel
 * where it can be (see planWeightGrad).
 */
export function planConv2dBackwardWeight(
  ctx: EngineContext,
  a: {
    x: Tensor;
    dy: Tensor;
    dweight: Tensor;
    dbias?: Tensor | null;
    params?: Conv2dParams;
    label?: string;
  },
): PlannedOp {
  const g = conv2dGeometry(a.x.shape, a.dweight.shape, a.params);
  return planWeightGrad(ctx, a.label ?? 'conv2d.backward_weight', g, a);
}
