// Elementwise activations, y = f(x): relu x > 0 ? x : 0 (so NaN -> 0, as the reference),
// leaky_relu x > 0 ? x : slope*x, sigmoid 1 / (1 + exp(-x)) and tanh, the last two in float64 as the
// reference computes them. Kinds are numbered as in src/engine/wasm/kernels.ts. Threads share ranges.
import { partStart } from './common/split';

export const RELU = 0;
export const LEAKY_RELU = 1;
export const SIGMOID = 2;
export const TANH = 3;

export function activationForward(
  kind: i32,
  x: usize,
  y: usize,
  n: i32,
  slope: f32,
  part: i32,
  parts: i32,
): void {
  // Ranges start on multiples of 4, so every thread's vectors cover the same elements as one thread's.
  const groups = (n + 3) >> 2;
  const i0 = min(n, partStart(groups, part, parts) << 2);
  const i1 = min(n, partStart(groups, part + 1, parts) << 2);
  let i = i0;
  if (kind == RELU || kind == LEAKY_RELU) {
    // relu selects 0 rather than multiplying by 0, which would turn -Infinity into NaN.
    const zero = f32x4.splat(0);
    const s = f32x4.splat(slope);
    const leaky = kind == LEAKY_RELU;
    for (; i + 4 <= i1; i += 4) {
      const v = v128.load(x + ((<usize>i) << 2));
      const below = leaky ? f32x4.mul(s, v) : zero;
      v128.store(y + ((<usize>i) << 2), v128.bitselect(v, below, f32x4.gt(v, zero)));
    }
    for (; i < i1; i++) {
      const v = load<f32>(x + ((<usize>i) << 2));
      store<f32>(y + ((<usize>i) << 2), v > 0 ? v : leaky ? slope * v : 0);
    }
    return;
  }
  for (; i < i1; i++) {
    const v = <f64>load<f32>(x + ((<usize>i) << 2));
    store<f32>(y + ((<usize>i) << 2), <f32>(kind == SIGMOID ? 1 / (1 + Math.exp(-v)) : Math.tanh(v)));
  }
}
