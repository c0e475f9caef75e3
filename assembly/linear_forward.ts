// Linear forward (weight [out, in], as nn.Linear): y[b, o] = bias[o] + sum_i x[b, i] w[o, i], then
// max(y, 0) when relu. x and w rows are both contiguous along i (the dot form). Threads share pairs of rows.
import { DOT_COL_BIAS, DOT_ZERO, gemmDot } from './common/gemm_dot';
import { partStart } from './common/split';

export function linearForward(
  x: usize,
  w: usize,
  bias: usize,
  y: usize,
  batch: i32,
  inF: i32,
  outF: i32,
  relu: i32,
  part: i32,
  parts: i32,
): void {
  const pairs = (batch + 1) >> 1;
  const b0 = min(batch, partStart(pairs, part, parts) << 1);
  const b1 = min(batch, partStart(pairs, part + 1, parts) << 1);
  if (b0 >= b1) return;
  gemmDot(
    b1 - b0,
    outF,
    inF,
    x + ((<usize>b0 * inF) << 2),
    (<usize>inF) << 2,
    w,
    (<usize>inF) << 2,
    y + ((<usize>b0 * outF) << 2),
    (<usize>outF) << 2,
    bias ? DOT_COL_BIAS : DOT_ZERO,
    bias,
    relu != 0,
  );
}
