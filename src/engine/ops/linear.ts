// Linear (PyTorch nn.Linear, weight [out, in]) as three uses of the one matmul kernel plus a row reduction:
//   forward  y  = x·Wᵀ + b (optionally fused ReLU)   -> matmul, transB
//   backward dx = dy·W                               -> matmul
//            dW = dyᵀ·x                              -> matmul, transA (split-K over the batch when small)
//            db = sum over the batch of dy           -> reduce_rows
// Inputs of rank > 2 (e.g. [B, C, H, W] before a flatten) are viewed as [B, rest].
import type { EngineContext, PlannedOp } from '../op';
import { reshape, sizeOf, type Tensor } from '../tensor';
import { expectShape, sequence } from './dispatch';
import { planMatmul, planReduceRows } from './matmul';

function asMatrix(t: Tensor): Tensor {
  return t.shape.length === 2 ? t : reshape(t, [t.shape[0], sizeOf(t.shape) / t.shape[0]]);
}

export interface LinearForwardArgs {
  /** [B, in] (or any [B, ...] with `in` elements per sample). */
  x: Tensor;
  /** [out, in] */
  weight: Tensor;
  /** [out], optional */
  bias?: Tensor;
  /** [B, out], overwritten */
  y: Tensor;
  /** Apply ReLU in the same kernel (Linear followed by ReLU). */
  relu?: boolean;
}

export function planLinearForward(ctx: EngineContext, t: LinearForwardArgs, label = 'linear'): PlannedOp {
  const x = asMatrix(t.x);
  if (t.weight.shape.length !== 2 || t.weight.shape[1] !== x.shape[1]) {
    throw new Error(`${label}: weight [${t.weight.shape}] does not take ${x.shape[1]} input features`);
  }
  return planMatmul(ctx, {
    a: x,
    b: t.weight,
    c: t.y,
    bias: t.bias,
    transB: true,
    activation: t.relu ? 'relu' : 'none',
    label: `${label}/forward`,
  });
}

export interface LinearBackwardArgs {
  /** The forward input [B, in] (or [B, ...]). */
  x: Tensor;
  /** [out, in] */
  weight: Tensor;
  /** Gradient of the output [B, out] (already through the ReLU's backward when fused). */
  dy: Tensor;
  /** Gradient of the input, same shape as x; omitted for the first layer. */
  dx?: Tensor;
  /** [out, in], overwritten */
  dWeight: Tensor;
  /** [out], overwritten; omitted when the layer has no bias. */
  dBias?: Tensor;
}

/** dx = dy·W, shaped like x. */
export function planLinearBackwardInput(
  ctx: EngineContext,
  t: { dy: Tensor; weight: Tensor; dx: Tensor },
  label = 'linear',
): PlannedOp {
  return planMatmul(ctx, { a: t.dy, b: t.weight, c: asMatrix(t.dx), label: `${label}/backward-input` });
}

/** dW = dyᵀ·x. */
export function planLinearBackwardWeight(
  ctx: EngineContext,
  t: { dy: Tensor; x: Tensor; dWeight: Tensor },
  label = 'linear',
): PlannedOp {
  return planMatmul(ctx, {
    a: t.dy,
    b: asMatrix(t.x),
    c: t.dWeight,
    transA: true,
    label: `${label}/backward-weight`,
  });
}

/** db = sum over the batch of dy. */
export function planLinearBackwardBias(
  ctx: EngineContext,
  t: { dy: Tensor; dBias: Tensor },
  label = 'linear',
): PlannedOp {
  expectShape(`${label} bias gradient`, t.dBias, [t.dy.shape[1]]);
  return planReduceRows(ctx, t.dy, t.dBias, `${label}/backward-bias`);
}

/** All of Linear's gradients, overwritten, in one planned op. */
export function planLinearBackward(ctx: EngineContext, t: LinearBackwardArgs, label = 'linear'): PlannedOp {
  const ops = [planLinearBackwardWeight(ctx, t, label)];
  if (t.dBias) ops.push(planLinearBackwardBias(ctx, { dy: t.dy, dBias: t.dBias }, label));
  if (t.dx) ops.push(planLinearBackwardInput(ctx, { dy: t.dy, weight: t.weight, dx: t.dx }, label));
  return sequence(`${label}/backward`, ops);
}
