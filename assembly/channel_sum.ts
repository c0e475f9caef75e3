// Bias gradient of conv2d and conv_transpose2d: db[c] = sum over n and the plane of dy[n, c, :]. Each plane
// is summed in 4 lanes and the planes are added in float64. Threads share the channels.
import { laneMask } from './common/lanes';
import { partStart } from './common/split';

export function channelSum(dy: usize, db: usize, n: i32, c: i32, plane: i32, part: i32, parts: i32): void {
  const end = partStart(c, part + 1, parts);
  for (let ch = partStart(c, part, parts); ch < end; ch++) {
    let total: f64 = 0;
    for (let b = 0; b < n; b++) total += planeSum(dy + ((<usize>(b * c + ch) * plane) << 2), plane);
    store<f32>(db + ((<usize>ch) << 2), <f32>total);
  }
}

/** sum of count floats at p, in 4 lanes then across them. */
export function planeSum(p: usize, count: i32): f64 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) acc = f32x4.add(acc, v128.load(p + ((<usize>i) << 2)));
  if (i < count) acc = f32x4.add(acc, v128.and(v128.load(p + ((<usize>i) << 2)), laneMask(count - i)));
  return (
    <f64>f32x4.extract_lane(acc, 0) +
    <f64>f32x4.extract_lane(acc, 1) +
    <f64>f32x4.extract_lane(acc, 2) +
    <f64>f32x4.extract_lane(acc, 3)
  );
}
