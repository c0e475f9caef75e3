// Binary cross-entropy on logits in its stable form, in float64 as the reference:
// loss = mean of max(x, 0) - x t + log(1 + exp(-|x|)), dlogits = (sigmoid(x) - t) / n; correct counts the
// elements with (x > 0) == (t > 0.5). One thread.
import { writeResult } from './common/result';

export function bceWithLogits(logits: usize, target: usize, dlogits: usize, n: i32, result: usize): void {
  let total: f64 = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const o = (<usize>i) << 2;
    const x = <f64>load<f32>(logits + o);
    const t = <f64>load<f32>(target + o);
    total += max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
    store<f32>(dlogits + o, <f32>((1 / (1 + Math.exp(-x)) - t) / n));
    if (x > 0 == t > 0.5) correct++;
  }
  writeResult(result, total / n, correct);
}
