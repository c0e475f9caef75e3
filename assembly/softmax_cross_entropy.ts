// Softmax cross-entropy over logits [batch, classes] and integer labels, in float64 as the reference:
// loss = mean over rows of (max + log sum exp(l - max) - l[label]); dlogits = (softmax - onehot) / batch;
// correct counts rows whose first argmax is the label; probs (when not 0) gets the softmax. Labels are
// checked by the caller. One thread: a batch of logits is tiny next to the layers.
import { writeResult } from './common/result';

export function softmaxCrossEntropy(
  logits: usize,
  labels: usize,
  dlogits: usize,
  probs: usize,
  batch: i32,
  classes: i32,
  result: usize,
): void {
  let total: f64 = 0;
  let correct = 0;
  for (let b = 0; b < batch; b++) {
    const row = logits + ((<usize>b * classes) << 2);
    const label = load<i32>(labels + ((<usize>b) << 2));
    let mx = <f64>load<f32>(row);
    let arg = 0;
    for (let j = 1; j < classes; j++) {
      const v = <f64>load<f32>(row + ((<usize>j) << 2));
      if (v > mx) {
        mx = v;
        arg = j;
      }
    }
    let sum: f64 = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(<f64>load<f32>(row + ((<usize>j) << 2)) - mx);
    total += mx + Math.log(sum) - <f64>load<f32>(row + ((<usize>label) << 2));
    if (arg == label) correct++;
    for (let j = 0; j < classes; j++) {
      const at = (<usize>b * classes + j) << 2;
      const p = Math.exp(<f64>load<f32>(row + ((<usize>j) << 2)) - mx) / sum;
      if (probs) store<f32>(probs + at, <f32>p);
      store<f32>(dlogits + at, <f32>((p - (j == label ? 1 : 0)) / batch));
    }
  }
  writeResult(result, total / batch, correct);
}
