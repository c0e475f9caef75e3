// avg_pool2d backward: dx = 0, then every input of a window gets dy / divisor, added in output scan order in
// float32 exactly as the reference does. Threads share planes.
import { avgDivisor } from './common/avg_divisor';
import { partStart } from './common/split';

export function avgPool2dBackward(
  dy: usize,
  dx: usize,
  planes: i32,
  h: i32,
  w: i32,
  oh: i32,
  ow: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  ph: i32,
  pw: i32,
  includePad: i32,
  part: i32,
  parts: i32,
): void {
  const p0 = partStart(planes, part, parts);
  const p1 = partStart(planes, part + 1, parts);
  if (p0 >= p1) return;
  memory.fill(dx + ((<usize>p0 * h * w) << 2), 0, (<usize>(p1 - p0) * h * w) << 2);
  for (let plane = p0; plane < p1; plane++) {
    const xp = dx + ((<usize>plane * h * w) << 2);
    const yp = dy + ((<usize>plane * oh * ow) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const hs = oy * sh - ph;
      const y0 = max(hs, 0);
      const y1 = min(hs + kh, h);
      for (let ox = 0; ox < ow; ox++) {
        const ws = ox * sw - pw;
        const x0 = max(ws, 0);
        const x1 = min(ws + kw, w);
        const d = avgDivisor(hs, ws, kh, kw, h, w, ph, pw, includePad != 0);
        const share = <f64>load<f32>(yp + ((<usize>(oy * ow + ox)) << 2)) / d;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) {
            const p = xp + ((<usize>(iy * w + ix)) << 2);
            store<f32>(p, <f32>(<f64>load<f32>(p) + share));
          }
        }
      }
    }
  }
}
