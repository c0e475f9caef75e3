// PyTorch's output-size formulas, one place for the network analysis, the layer definitions and the
// engine's planners. Every function takes (size, kernel, stride, padding, dilation, ...) in that order.

/** Conv2d along one axis: ⌊(n + 2p − d(k−1) − 1) / s⌋ + 1. */
export function convOut(n: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1;
}

/** ConvTranspose2d along one axis: (n − 1)s − 2p + d(k−1) + output_padding + 1. */
export function convTransposeOut(n: number, k: number, s: number, p: number, d: number, op: number): number {
  return (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
}

/** Pooling along one axis: floor, or under ceil_mode ceil, with the last window starting inside the
 *  input or its left padding (PyTorch's pooling_output_shape). */
export function poolOut(n: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  const span = n + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= n + p) out--;
  return out;
}
