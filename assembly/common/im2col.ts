// The unrolled input of a convolution, one image and a range of rows and columns at a time:
//   col[k - k0, p - p0] = x[ci, oy*sh - ph + ky*dh, ox*sw - pw + kx*dw]  for k = (ci*kh + ky)*kw + kx,
//   p = oy*ow + ox, and 0 where the tap falls in the padding. Rows are `width` floats apart; columns from
//   p1 - p0 up to `width` are zero, so vector loops may run past the last output.
// col2im is its adjoint: x[ci, iy, ix] += col[k - k0, p - p0] over the same taps.
import { endValid, firstValid } from './windows';

/** Geometry of one image's convolution, in the reference's names (x is [cin, h, w], the output [oh, ow]). */
@unmanaged
export class ConvShape {
  cin: i32 = 0;
  h: i32 = 0;
  w: i32 = 0;
  kh: i32 = 0;
  kw: i32 = 0;
  oh: i32 = 0;
  ow: i32 = 0;
  sh: i32 = 0;
  sw: i32 = 0;
  ph: i32 = 0;
  pw: i32 = 0;
  dh: i32 = 0;
  dw: i32 = 0;
}

/** count floats of 0 at p: vector stores, then the last few one by one (runs here are short). */
function zero(p: usize, count: i32): void {
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) v128.store(p + ((<usize>i) << 2), z);
  for (; i < count; i++) store<f32>(p + ((<usize>i) << 2), 0);
}

export function im2col(
  s: ConvShape,
  x: usize,
  k0: i32,
  k1: i32,
  p0: i32,
  p1: i32,
  width: i32,
  col: usize,
): void {
  const taps = s.kh * s.kw;
  const rowBytes = (<usize>width) << 2;
  // The tile starts at output row oy0, column from0; rows are walked without dividing.
  const oy0 = p0 / s.ow;
  const from0 = p0 - oy0 * s.ow;
  let ci = k0 / taps;
  let ky = (k0 % taps) / s.kw;
  let kx = k0 % s.kw;
  for (let k = k0; k < k1; k++) {
    const plane = x + ((<usize>ci * s.h * s.w) << 2);
    const out = col + <usize>(k - k0) * rowBytes;
    const xOff = kx * s.dw - s.pw;
    const ox0 = firstValid(xOff, s.sw);
    const ox1 = endValid(xOff, s.sw, s.w, s.ow);
    let dst = out;
    let left = p1 - p0;
    let from = from0;
    let iy = oy0 * s.sh - s.ph + ky * s.dh;
    while (left > 0) {
      const to = min(s.ow, from + left);
      const a = max(from, ox0);
      const b = min(to, ox1);
      if (iy < 0 || iy >= s.h || a >= b) zero(dst, to - from);
      else {
        zero(dst, a - from);
        const src = plane + ((<usize>(iy * s.w + xOff)) << 2);
        copyRun(src, s.sw, a, b, dst + ((<usize>(a - from)) << 2));
        zero(dst + ((<usize>(b - from)) << 2), to - b);
      }
      dst += (<usize>(to - from)) << 2;
      left -= to - from;
      from = 0;
      iy += s.sh;
    }
    zero(out + ((<usize>(p1 - p0)) << 2), width - (p1 - p0));
    if (++kx == s.kw) {
      kx = 0;
      if (++ky == s.kh) {
        ky = 0;
        ci++;
      }
    }
  }
}

/** dst[i - a] = src[i * stride] for i in [a, b). */
function copyRun(src: usize, stride: i32, a: i32, b: i32, dst: usize): void {
  const n = b - a;
  if (stride == 1 && n >= 4) {
    // Whole vectors, then one more ending exactly at the last element (it may overlap the one before).
    const from = src + ((<usize>a) << 2);
    let i = 0;
    for (; i + 4 <= n; i += 4) v128.store(dst + ((<usize>i) << 2), v128.load(from + ((<usize>i) << 2)));
    if (i < n) {
      const last = (<usize>(n - 4)) << 2;
      v128.store(dst + last, v128.load(from + last));
    }
    return;
  }
  for (let i = a; i < b; i++) {
    store<f32>(dst + ((<usize>(i - a)) << 2), load<f32>(src + ((<usize>(i * stride)) << 2)));
  }
}

export function col2im(
  s: ConvShape,
  col: usize,
  k0: i32,
  k1: i32,
  p0: i32,
  p1: i32,
  width: i32,
  x: usize,
): void {
  const taps = s.kh * s.kw;
  const rowBytes = (<usize>width) << 2;
  const oy0 = p0 / s.ow;
  const from0 = p0 - oy0 * s.ow;
  let ci = k0 / taps;
  let ky = (k0 % taps) / s.kw;
  let kx = k0 % s.kw;
  for (let k = k0; k < k1; k++) {
    const plane = x + ((<usize>ci * s.h * s.w) << 2);
    const xOff = kx * s.dw - s.pw;
    const ox0 = firstValid(xOff, s.sw);
    const ox1 = endValid(xOff, s.sw, s.w, s.ow);
    let src = col + <usize>(k - k0) * rowBytes;
    let left = p1 - p0;
    let from = from0;
    let iy = oy0 * s.sh - s.ph + ky * s.dh;
    while (left > 0) {
      const to = min(s.ow, from + left);
      const a = max(from, ox0);
      const b = min(to, ox1);
      if (iy >= 0 && iy < s.h && a < b) {
        const dst = plane + ((<usize>(iy * s.w + xOff)) << 2);
        addRun(src + ((<usize>(a - from)) << 2), a, b, s.sw, dst);
      }
      src += (<usize>(to - from)) << 2;
      left -= to - from;
      from = 0;
      iy += s.sh;
    }
    if (++kx == s.kw) {
      kx = 0;
      if (++ky == s.kh) {
        ky = 0;
        ci++;
      }
    }
  }
}

/** dst[i * stride] += src[i - a] for i in [a, b). */
function addRun(src: usize, a: i32, b: i32, stride: i32, dst: usize): void {
  if (stride == 1) {
    const to = dst + ((<usize>a) << 2);
    const n = b - a;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = (<usize>i) << 2;
      v128.store(to + o, f32x4.add(v128.load(to + o), v128.load(src + o)));
    }
    for (; i < n; i++) {
      const o = (<usize>i) << 2;
      store<f32>(to + o, load<f32>(to + o) + load<f32>(src + o));
    }
    return;
  }
  for (let i = a; i < b; i++) {
    const p = dst + ((<usize>(i * stride)) << 2);
    store<f32>(p, load<f32>(p) + load<f32>(src + ((<usize>(i - a)) << 2)));
  }
}
