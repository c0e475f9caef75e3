// max_pool2d backward: dx = 0, then dx[plane, indices[k]] += dy[k] for every output k of the plane, in
// output scan order as the reference adds them. Threads share planes.
import { partStart } from './common/split';

export function maxPool2dBackward(
  dy: usize,
  indices: usize,
  dx: usize,
  planes: i32,
  planeIn: i32,
  planeOut: i32,
  part: i32,
  parts: i32,
): void {
  const p0 = partStart(planes, part, parts);
  const p1 = partStart(planes, part + 1, parts);
  if (p0 >= p1) return;
  memory.fill(dx + ((<usize>p0 * planeIn) << 2), 0, (<usize>(p1 - p0) * planeIn) << 2);
  for (let plane = p0; plane < p1; plane++) {
    const to = dx + ((<usize>plane * planeIn) << 2);
    const from = <usize>plane * planeOut;
    for (let o = 0; o < planeOut; o++) {
      const k = (from + o) << 2;
      const at = load<u32>(indices + k);
      // An index outside the plane (not from the forward) would write into other memory: it is skipped.
      if (at >= <u32>planeIn) continue;
      const p = to + ((<usize>at) << 2);
      store<f32>(p, load<f32>(p) + load<f32>(dy + k));
    }
  }
}
