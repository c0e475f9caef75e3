// CPU reference of the elementwise activations, forward and backward side by side (same as
// shaders/activation_forward.wgsl and activation_backward.wgsl).
import type { Floats } from './matmul';

export type ActivationKind = 'relu' | 'leaky_relu' | 'sigmoid' | 'tanh';

/** PyTorch's default negative slope for LeakyReLU. */
export const DEFAULT_LEAKY_SLOPE = 0.01;

export function activationForward(kind: ActivationKind, x: Floats, y: Floats, slope = DEFAULT_LEAKY_SLOPE) {
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (kind === 'relu') y[i] = v > 0 ? v : 0;
    else if (kind === 'leaky_relu') y[i] = v > 0 ? v : slope * v;
    else if (kind === 'sigmoid') y[i] = 1 / (1 + Math.exp(-v));
    else y[i] = Math.tanh(v);
  }
  return y;
}

/**
 * Whether the backward pass reads the forward input (relu, leaky_relu: the gradient at exactly 0 is the
 * negative side's, as in PyTorch) or the forward output (sigmoid: y(1-y), tanh: 1-y²).
 */
export function savesInput(kind: ActivationKind): boolean {
  return kind === 'relu' || kind === 'leaky_relu';
}

/** dx = dy * f'(.), with `saved` the forward input or output as `savesInput(kind)` says. */
export function activationBackward(
  kind: ActivationKind,
  saved: Floats,
  dy: Floats,
  dx: Floats,
  slope = DEFAULT_LEAKY_SLOPE,
) {
  const n = dy.length;
  for (let i = 0; i < n; i++) {
    const s = saved[i];
    const g = dy[i];
    if (kind === 'relu') dx[i] = s > 0 ? g : 0;
    else if (kind === 'leaky_relu') dx[i] = s > 0 ? g : slope * g;
    else if (kind === 'sigmoid') dx[i] = g * s * (1 - s);
    else dx[i] = g * (1 - s * s);
  }
  return dx;
}
