// Activation gradients, dx = dy * f'(.), reading the forward input for relu and leaky_relu (the gradient at
// exactly 0 is the negative side's, as in PyTorch) and the forward output y for sigmoid, y(1 - y), and tanh,
// 1 - y². Kinds as in activation_forward.ts. Threads share ranges.
import { LEAKY_RELU, RELU, SIGMOID } from './activation_forward';
import { partStart } from './common/split';

export function activationBackward(
  kind: i32,
  saved: usize,
  dy: usize,
  dx: usize,
  n: i32,
  slope: f32,
  part: i32,
  parts: i32,
): void {
  const groups = (n + 3) >> 2;
  const i0 = min(n, partStart(groups, part, parts) << 2);
  const i1 = min(n, partStart(groups, part + 1, parts) << 2);
  let i = i0;
  if (kind == RELU || kind == LEAKY_RELU) {
    const zero = f32x4.splat(0);
    const s = f32x4.splat(slope);
    const leaky = kind == LEAKY_RELU;
    for (; i + 4 <= i1; i += 4) {
      const o = (<usize>i) << 2;
      const g = v128.load(dy + o);
      const below = leaky ? f32x4.mul(s, g) : zero;
      v128.store(dx + o, v128.bitselect(g, below, f32x4.gt(v128.load(saved + o), zero)));
    }
    for (; i < i1; i++) {
      const o = (<usize>i) << 2;
      const g = load<f32>(dy + o);
      store<f32>(dx + o, load<f32>(saved + o) > 0 ? g : leaky ? slope * g : 0);
    }
    return;
  }
  for (; i < i1; i++) {
    const o = (<usize>i) << 2;
    const s = <f64>load<f32>(saved + o);
    const g = <f64>load<f32>(dy + o);
    store<f32>(dx + o, <f32>(kind == SIGMOID ? g * s * (1 - s) : g * (1 - s * s)));
  }
}
