// BatchNorm2d backward, with xhat = (x - mean) * invstd and M = N*H*W values per channel:
//   dbias = sum dy, dweight = sum dy * xhat,
//   dx = weight * invstd * (dy - dbias/M - xhat * dweight/M) in training, weight * invstd * dy in eval.
// The sums go plane by plane in 4 lanes, planes added in float64. dx = 0 (null) skips the input gradient.
// Threads share channels.
import { partStart } from './common/split';
import { planeSum } from './channel_sum';
import { laneMask, storeLanes } from './common/lanes';

export function batchNorm2dBackward(
  x: usize,
  dy: usize,
  n: i32,
  c: i32,
  plane: i32,
  weight: usize,
  saveMean: usize,
  saveInvstd: usize,
  dx: usize,
  dweight: usize,
  dbias: usize,
  training: i32,
  part: i32,
  parts: i32,
): void {
  const count = <f64>n * plane;
  const end = partStart(c, part + 1, parts);
  for (let ch = partStart(c, part, parts); ch < end; ch++) {
    const at = (<usize>ch) << 2;
    const mean = load<f32>(saveMean + at);
    const invstd = <f64>load<f32>(saveInvstd + at);
    let sumDy: f64 = 0;
    let sumDyCentered: f64 = 0;
    for (let b = 0; b < n; b++) {
      const off = (<usize>(b * c + ch) * plane) << 2;
      sumDy += planeSum(dy + off, plane);
      sumDyCentered += centeredDot(dy + off, x + off, plane, mean);
    }
    const sumDyXhat = sumDyCentered * invstd;
    store<f32>(dbias + at, <f32>sumDy);
    store<f32>(dweight + at, <f32>sumDyXhat);
    if (!dx) continue;
    const scale = f32x4.splat(<f32>(<f64>load<f32>(weight + at) * invstd));
    const meanDy = f32x4.splat(training ? <f32>(sumDy / count) : 0);
    const meanDyXhat = f32x4.splat(training ? <f32>(sumDyXhat / count) : 0);
    const m = f32x4.splat(mean);
    const inv = f32x4.splat(<f32>invstd);
    for (let b = 0; b < n; b++) {
      const off = (<usize>(b * c + ch) * plane) << 2;
      for (let i = 0; i < plane; i += 4) {
        const o = off + ((<usize>i) << 2);
        const xhat = f32x4.mul(f32x4.sub(v128.load(x + o), m), inv);
        const g = f32x4.mul(
          scale,
          f32x4.sub(f32x4.sub(v128.load(dy + o), meanDy), f32x4.mul(xhat, meanDyXhat)),
        );
        storeLanes(dx + o, g, plane - i);
      }
    }
  }
}

/** sum of dy[i] * (x[i] - mean) over count floats, in 4 lanes then across them. */
function centeredDot(dy: usize, x: usize, count: i32, mean: f32): f64 {
  const m = f32x4.splat(mean);
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = (<usize>i) << 2;
    acc = f32x4.add(acc, f32x4.mul(v128.load(dy + o), f32x4.sub(v128.load(x + o), m)));
  }
  if (i < count) {
    const o = (<usize>i) << 2;
    const mask = laneMask(count - i);
    const d = v128.and(f32x4.sub(v128.load(x + o), m), mask);
    acc = f32x4.add(acc, f32x4.mul(v128.and(v128.load(dy + o), mask), d));
  }
  return (
    <f64>f32x4.extract_lane(acc, 0) +
    <f64>f32x4.extract_lane(acc, 1) +
    <f64>f32x4.extract_lane(acc, 2) +
    <f64>f32x4.extract_lane(acc, 3)
  );
}
