// Mean squared error over n elements, in float64 as the reference: loss = sum (pred - target)² / n,
// dpred = 2 (pred - target) / n. One thread.
import { writeResult } from './common/result';

export function mseLoss(pred: usize, target: usize, dpred: usize, n: i32, result: usize): void {
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = (<usize>i) << 2;
    const d = <f64>load<f32>(pred + o) - <f64>load<f32>(target + o);
    total += d * d;
    store<f32>(dpred + o, <f32>((2 * d) / n));
  }
  writeResult(result, total / n, 0);
}
