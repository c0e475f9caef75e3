// BatchNorm2d forward (NCHW, affine), PyTorch's semantics as the reference: training normalises by the batch
// mean and biased variance (two passes, each plane summed in 4 lanes and planes added in float64) and moves
// the running stats by momentum towards the mean and the UNBIASED variance; eval uses the running stats.
//   y = (x - mean) * invstd * weight + bias, invstd = 1 / sqrt(var + eps), saved for the backward.
// Threads share channels.
import { partStart } from './common/split';
import { planeSum } from './channel_sum';
import { laneMask, storeLanes } from './common/lanes';

export function batchNorm2dForward(
  x: usize,
  y: usize,
  n: i32,
  c: i32,
  plane: i32,
  weight: usize,
  bias: usize,
  runningMean: usize,
  runningVar: usize,
  saveMean: usize,
  saveInvstd: usize,
  training: i32,
  eps: f64,
  momentum: f64,
  part: i32,
  parts: i32,
): void {
  const count = <f64>n * plane;
  const end = partStart(c, part + 1, parts);
  for (let ch = partStart(c, part, parts); ch < end; ch++) {
    const at = (<usize>ch) << 2;
    let mean = <f64>load<f32>(runningMean + at);
    let variance = <f64>load<f32>(runningVar + at);
    if (training) {
      let sum: f64 = 0;
      for (let b = 0; b < n; b++) sum += planeSum(x + ((<usize>(b * c + ch) * plane) << 2), plane);
      mean = sum / count;
      let m2: f64 = 0;
      for (let b = 0; b < n; b++)
        m2 += squaredDeviations(x + ((<usize>(b * c + ch) * plane) << 2), plane, <f32>mean);
      variance = m2 / count;
      store<f32>(
        runningMean + at,
        <f32>((1 - momentum) * <f64>load<f32>(runningMean + at) + momentum * mean),
      );
      store<f32>(
        runningVar + at,
        <f32>((1 - momentum) * <f64>load<f32>(runningVar + at) + momentum * (m2 / (count - 1))),
      );
    }
    const invstd = 1 / Math.sqrt(variance + eps);
    store<f32>(saveMean + at, <f32>mean);
    store<f32>(saveInvstd + at, <f32>invstd);
    const scale = f32x4.splat(<f32>(invstd * <f64>load<f32>(weight + at)));
    const shift = f32x4.splat(load<f32>(bias + at));
    const m = f32x4.splat(<f32>mean);
    for (let b = 0; b < n; b++) {
      const off = (<usize>(b * c + ch) * plane) << 2;
      const xp = x + off;
      const yp = y + off;
      for (let i = 0; i < plane; i += 4) {
        const o = (<usize>i) << 2;
        storeLanes(yp + o, f32x4.add(f32x4.mul(f32x4.sub(v128.load(xp + o), m), scale), shift), plane - i);
      }
    }
  }
}

/** sum of (p[i] - mean)² over count floats, in 4 lanes then across them. */
function squaredDeviations(p: usize, count: i32, mean: f32): f64 {
  const m = f32x4.splat(mean);
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const d = f32x4.sub(v128.load(p + ((<usize>i) << 2)), m);
    acc = f32x4.add(acc, f32x4.mul(d, d));
  }
  if (i < count) {
    const d = v128.and(f32x4.sub(v128.load(p + ((<usize>i) << 2)), m), laneMask(count - i));
    acc = f32x4.add(acc, f32x4.mul(d, d));
  }
  return (
    <f64>f32x4.extract_lane(acc, 0) +
    <f64>f32x4.extract_lane(acc, 1) +
    <f64>f32x4.extract_lane(acc, 2) +
    <f64>f32x4.extract_lane(acc, 3)
  );
}
