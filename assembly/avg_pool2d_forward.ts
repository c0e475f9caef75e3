// avg_pool2d forward: y = the window's sum (clipped to the input, in float64) over PyTorch's divisor, which
// counts the padding when countIncludePad and never the ceil_mode overhang. Threads share planes.
import { avgDivisor } from './common/avg_divisor';
import { partStart } from './common/split';

export function avgPool2dForward(
  x: usize,
  y: usize,
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
  const end = partStart(planes, part + 1, parts);
  for (let plane = partStart(planes, part, parts); plane < end; plane++) {
    const xp = x + ((<usize>plane * h * w) << 2);
    const yp = y + ((<usize>plane * oh * ow) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const hs = oy * sh - ph;
      const y0 = max(hs, 0);
      const y1 = min(hs + kh, h);
      for (let ox = 0; ox < ow; ox++) {
        const ws = ox * sw - pw;
        const x0 = max(ws, 0);
        const x1 = min(ws + kw, w);
        let sum: f64 = 0;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) sum += <f64>load<f32>(xp + ((<usize>(iy * w + ix)) << 2));
        }
        const d = avgDivisor(hs, ws, kh, kw, h, w, ph, pw, includePad != 0);
        store<f32>(yp + ((<usize>(oy * ow + ox)) << 2), <f32>(sum / d));
      }
    }
  }
}
