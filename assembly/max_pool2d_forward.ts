// max_pool2d forward: y = the max of each window, indices = its flat index iy*w + ix in the input plane.
// The first maximum in scan order wins ties and a NaN always takes over, as in PyTorch and the reference.
// Windows of 2x2 at stride 2 (no padding or dilation) go 4 outputs at a time: each row pair is split into
// even and odd columns, and the four taps are compared in the reference's scan order. Threads share planes.
import { storeLanes } from './common/lanes';
import { firstTap } from './common/windows';
import { partStart } from './common/split';

export function maxPool2dForward(
  x: usize,
  y: usize,
  indices: usize,
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
  dh: i32,
  dw: i32,
  part: i32,
  parts: i32,
): void {
  const pairs =
    kh == 2 &&
    kw == 2 &&
    sh == 2 &&
    sw == 2 &&
    ph == 0 &&
    pw == 0 &&
    dh == 1 &&
    dw == 1 &&
    2 * oh <= h &&
    2 * ow <= w;
  const end = partStart(planes, part + 1, parts);
  for (let plane = partStart(planes, part, parts); plane < end; plane++) {
    const xp = x + ((<usize>plane * h * w) << 2);
    const out = <usize>plane * oh * ow;
    for (let oy = 0; oy < oh; oy++) {
      const row = out + <usize>oy * ow;
      let ox = pairs ? pairsRow(xp, w, oy, ow, y + (row << 2), indices + (row << 2)) : 0;
      const hs = oy * sh - ph;
      const y0 = firstTap(hs, dh);
      const y1 = min(hs + (kh - 1) * dh + 1, h);
      for (; ox < ow; ox++) {
        const ws = ox * sw - pw;
        const x0 = firstTap(ws, dw);
        const x1 = min(ws + (kw - 1) * dw + 1, w);
        let arg = y0 * w + x0;
        let best = load<f32>(xp + ((<usize>arg) << 2));
        for (let iy = y0; iy < y1; iy += dh) {
          for (let ix = x0; ix < x1; ix += dw) {
            const v = load<f32>(xp + ((<usize>(iy * w + ix)) << 2));
            if (v > best || v != v) {
              best = v;
              arg = iy * w + ix;
            }
          }
        }
        store<f32>(y + ((row + ox) << 2), best);
        store<u32>(indices + ((row + ox) << 2), arg);
      }
    }
  }
}

/**
 * The 2x2 stride-2 windows of output row oy, 4 at a time (the last group partial: the lanes past the row read
 * the next row and are never stored); returns the first column left to do, ow.
 */
function pairsRow(xp: usize, w: i32, oy: i32, ow: i32, y: usize, indices: usize): i32 {
  const top = xp + ((<usize>(2 * oy) * w) << 2);
  const bottom = top + ((<usize>w) << 2);
  for (let ox = 0; ox < ow; ox += 4) {
    const o = (<usize>(2 * ox)) << 2;
    const t0 = v128.load(top + o);
    const t1 = v128.load(top + o, 16);
    const b0 = v128.load(bottom + o);
    const b1 = v128.load(bottom + o, 16);
    // Taps in scan order (iy, ix) = (0, 0), (0, 1), (1, 0), (1, 1), at flat offsets 0, 1, w, w + 1.
    const first = i32x4.add(i32x4.splat(2 * oy * w + 2 * ox), i32x4(0, 2, 4, 6));
    let best = v128.shuffle<f32>(t0, t1, 0, 2, 4, 6);
    let arg = first;
    let tap = v128.shuffle<f32>(t0, t1, 1, 3, 5, 7);
    let take = v128.or(f32x4.gt(tap, best), f32x4.ne(tap, tap));
    best = v128.bitselect(tap, best, take);
    arg = v128.bitselect(i32x4.add(first, i32x4.splat(1)), arg, take);
    tap = v128.shuffle<f32>(b0, b1, 0, 2, 4, 6);
    take = v128.or(f32x4.gt(tap, best), f32x4.ne(tap, tap));
    best = v128.bitselect(tap, best, take);
    arg = v128.bitselect(i32x4.add(first, i32x4.splat(w)), arg, take);
    tap = v128.shuffle<f32>(b0, b1, 1, 3, 5, 7);
    take = v128.or(f32x4.gt(tap, best), f32x4.ne(tap, tap));
    best = v128.bitselect(tap, best, take);
    arg = v128.bitselect(i32x4.add(first, i32x4.splat(w + 1)), arg, take);
    const n = min(ow - ox, 4);
    storeLanes(y + ((<usize>ox) << 2), best, n);
    storeLanes(indices + ((<usize>ox) << 2), arg, n);
  }
  return ow;
}
