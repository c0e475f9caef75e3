// CPU reference of Linear (PyTorch nn.Linear, weight [out, in]), forward and backward side by side:
//   y = x·Wᵀ + b,   dx = dy·W,   dW = dyᵀ·x,   db = sum over the batch of dy.
import { matmul, reduceRows, type Floats } from './matmul';

export interface LinearDims {
  batch: number;
  inFeatures: number;
  outFeatures: number;
}

/** y [B, out] = x [B, in] · Wᵀ + bias, with an optional fused ReLU. */
export function linearForward(
  x: Floats,
  weight: Floats,
  bias: Floats | null,
  y: Floats,
  d: LinearDims,
  relu = false,
): Floats {
  return matmul(x, weight, y, {
    m: d.batch,
    n: d.outFeatures,
    k: d.inFeatures,
    transB: true,
    bias,
    activation: relu ? 'relu' : 'none',
  });
}

/** dx [B, in] = dy [B, out] · W [out, in]. */
export function linearBackwardInput(dy: Floats, weight: Floats, dx: Floats, d: LinearDims): Floats {
  return matmul(dy, weight, dx, { m: d.batch, n: d.inFeatures, k: d.outFeatures });
}

/** dW [out, in] = dyᵀ · x: dy is stored [B, out], so it is op(A) transposed. */
export function linearBackwardWeight(dy: Floats, x: Floats, dw: Floats, d: LinearDims): Floats {
  return matmul(dy, x, dw, { m: d.outFeatures, n: d.inFeatures, k: d.batch, transA: true });
}

/** db [out] = sum over the batch of dy. */
export function linearBackwardBias(dy: Floats, db: Floats, d: LinearDims): Floats {
  return reduceRows(dy, db, d.batch, d.outFeatures);
}
