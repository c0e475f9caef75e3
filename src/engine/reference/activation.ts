// CPU reference of the elementwise activations, forward and backward side by side (same as
// shaders/activation_forward.wgsl and activation_backward.wgsl), computed in float64.
import { erfc } from './erf';
import type { Floats } from './matmul';

/** PyTorch's names: gelu is GELU(approximate='none') (exact erf), gelu_tanh is GELU(approximate='tanh'). */
export type ActivationKind =
  'relu' | 'leaky_relu' | 'sigmoid' | 'tanh' | 'gelu' | 'gelu_tanh' | 'silu' | 'elu';

/** PyTorch's default negative slope for LeakyReLU. */
export const DEFAULT_LEAKY_SLOPE = 0.01;
/** PyTorch's default alpha for ELU. */
export const DEFAULT_ELU_ALPHA = 1;

const SQRT1_2 = Math.SQRT1_2;
/** 1/√(2π): the standard normal density at 0. */
const NORMAL_PDF_0 = 1 / Math.sqrt(2 * Math.PI);
/** GELU's tanh approximation: 0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³))). */
const GELU_TANH_BETA = Math.sqrt(2 / Math.PI);
const GELU_TANH_KAPPA = 0.044715;

/** Φ(x), the standard normal CDF, as erfc(-x/√2)/2: no cancellation for x << 0. */
function normalCdf(x: number): number {
  return 0.5 * erfc(-x * SQRT1_2);
}

export function activationForward(
  kind: ActivationKind,
  x: Floats,
  y: Floats,
  slope = DEFAULT_LEAKY_SLOPE,
  alpha = DEFAULT_ELU_ALPHA,
) {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (kind === 'relu') y[i] = v > 0 ? v : 0;
    else if (kind === 'leaky_relu') y[i] = v > 0 ? v : slope * v;
    else if (kind === 'sigmoid') y[i] = 1 / (1 + Math.exp(-v));
    else if (kind === 'tanh') y[i] = Math.tanh(v);
    else if (kind === 'gelu') y[i] = v * normalCdf(v);
    else if (kind === 'gelu_tanh') {
      y[i] = 0.5 * v * (1 + Math.tanh(GELU_TANH_BETA * (v + GELU_TANH_KAPPA * v * v * v)));
    } else if (kind === 'silu') y[i] = v / (1 + Math.exp(-v));
    else y[i] = v > 0 ? v : alpha * Math.expm1(v);
  }
  return y;
}

/**
 * Whether the backward pass reads the forward input (relu, leaky_relu: the gradient at exactly 0 is the
 * negative side's, as in PyTorch; gelu, gelu_tanh, silu; elu, whose gradient at 0 is alpha as in
 * PyTorch's non-inplace ELU) or the forward output (sigmoid: y(1-y), tanh: 1-y²).
 */
export function savesInput(kind: ActivationKind): boolean {
  return kind !== 'sigmoid' && kind !== 'tanh';
}

/** dx = dy * f'(.), with `saved` the forward input or output as `savesInput(kind)` says. */
export function activationBackward(
  kind: ActivationKind,
  saved: Floats,
  dy: Floats,
  dx: Floats,
  slope = DEFAULT_LEAKY_SLOPE,
  alpha = DEFAULT_ELU_ALPHA,
) {
  const n = dy.length;
  for (let i = 0; i < n; i++) {
    const s = saved[i];
    const g = dy[i];
    if (kind === 'relu') dx[i] = s > 0 ? g : 0;
    else if (kind === 'leaky_relu') dx[i] = s > 0 ? g : slope * g;
    else if (kind === 'sigmoid') dx[i] = g * s * (1 - s);
    else if (kind === 'tanh') dx[i] = g * (1 - s * s);
    // d/dx x Φ(x) = Φ(x) + x φ(x).
    else if (kind === 'gelu') dx[i] = g * (normalCdf(s) + s * NORMAL_PDF_0 * Math.exp(-0.5 * s * s));
    else if (kind === 'gelu_tanh') {
      // With u = β(x + κx³): d/dx ½x(1 + tanh u) = ½(1 + tanh u) + ½x (1 - tanh² u) β(1 + 3κx²).
      const t = Math.tanh(GELU_TANH_BETA * (s + GELU_TANH_KAPPA * s * s * s));
      const du = GELU_TANH_BETA * (1 + 3 * GELU_TANH_KAPPA * s * s);
      dx[i] = g * (0.5 * (1 + t) + 0.5 * s * (1 - t * t) * du);
    } else if (kind === 'silu') {
      // d/dx x σ(x) = σ(x) (1 + x (1 - σ(x))).
      const sig = 1 / (1 + Math.exp(-s));
      dx[i] = g * sig * (1 + s * (1 - sig));
    } else dx[i] = s > 0 ? g : g * alpha * Math.exp(s);
  }
  return dx;
}
