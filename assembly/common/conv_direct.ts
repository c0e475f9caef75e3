// Stride-1 convolution forward without unrolling the input: segments of 4 outputs of a row read every tap
// straight from the (zero-padded) input, one byte offset per tap k = (ci, ky, kx):
//   y[co, oy, ox..ox+3] = bias[co] + sum_k w[co, k] * xp[off[k] + oy*wp + ox .. +3]
// with xp the image padded to [cin, hp, wp] and off[k] = ci*hp*wp + ky*dh*wp + kx*dw. Sums run over k in
// order from the bias, as the unrolled path's, so both give the same bits.
import { ConvShape } from './im2col';
import { storeLanes } from './lanes';

/** Floats past a padded image that vector loads may read (a partial segment's last lanes). */
const SLACK_FLOATS = 8;

/** Floats of scratch the direct path needs: the offsets, and the padded image when there is padding. */
export function directFloats(s: ConvShape): i32 {
  const k = s.cin * s.kh * s.kw;
  const padded = s.ph > 0 || s.pw > 0 ? s.cin * (s.h + 2 * s.ph) * (s.w + 2 * s.pw) + SLACK_FLOATS : 0;
  return ((k + 3) & ~3) + padded;
}

/** Writes off[k] (bytes) for a padded image of row width wp and height hp. */
export function directOffsets(s: ConvShape, hp: i32, wp: i32, offsets: usize): void {
  let at = offsets;
  for (let ci = 0; ci < s.cin; ci++) {
    for (let ky = 0; ky < s.kh; ky++) {
      for (let kx = 0; kx < s.kw; kx++) {
        store<i32>(at, (ci * hp * wp + ky * s.dh * wp + kx * s.dw) << 2);
        at += 4;
      }
    }
  }
}

/** Copies one image [cin, h, w] into the middle of a zeroed [cin, h + 2ph, w + 2pw] (with slack after). */
export function padImage(s: ConvShape, x: usize, xp: usize): void {
  const hp = s.h + 2 * s.ph;
  const wp = s.w + 2 * s.pw;
  memory.fill(xp, 0, (<usize>(s.cin * hp * wp + SLACK_FLOATS)) << 2);
  for (let ci = 0; ci < s.cin; ci++) {
    for (let iy = 0; iy < s.h; iy++) {
      const src = x + ((<usize>((ci * s.h + iy) * s.w)) << 2);
      const dst = xp + ((<usize>((ci * hp + iy + s.ph) * wp + s.pw)) << 2);
      memory.copy(dst, src, (<usize>s.w) << 2);
    }
  }
}

/**
 * One image: xp padded (row width wp), w [cout, K], y [cout, oh, ow]; bias 0 for none. Segments of 8 outputs
 * where a row has them, then of 4 (the last one partial); output channels 4 at a time, then 2, then 1.
 */
export function directForward(
  s: ConvShape,
  xp: usize,
  wp: i32,
  offsets: usize,
  w: usize,
  bias: usize,
  y: usize,
  cout: i32,
  relu: bool,
): void {
  const K = s.cin * s.kh * s.kw;
  const plane = (<usize>(s.oh * s.ow)) << 2;
  const wRow = (<usize>K) << 2;
  for (let oy = 0; oy < s.oh; oy++) {
    for (let ox = 0; ox < s.ow;) {
      const wide = ox + 8 <= s.ow;
      const n = wide ? 8 : min(s.ow - ox, 4);
      const xb = xp + ((<usize>(oy * wp + ox)) << 2);
      const yb = y + ((<usize>(oy * s.ow + ox)) << 2);
      for (let co = 0; co < cout;) {
        const wc = w + <usize>co * wRow;
        const bc = bias ? bias + ((<usize>co) << 2) : 0;
        const yc = yb + <usize>co * plane;
        const left = cout - co;
        if (wide && left >= 4) taps4w(xb, offsets, K, wc, wRow, bc, yc, plane, relu);
        else if (wide && left >= 2) taps2w(xb, offsets, K, wc, wRow, bc, yc, plane, relu);
        else if (wide) {
          taps1(xb, offsets, K, wc, bc, yc, 4, relu);
          taps1(xb + 16, offsets, K, wc, bc, yc + 16, 4, relu);
        } else if (left >= 4) taps4(xb, offsets, K, wc, wRow, bc, yc, plane, n, relu);
        else if (left >= 2) taps2(xb, offsets, K, wc, wRow, bc, yc, plane, n, relu);
        else taps1(xb, offsets, K, wc, bc, yc, n, relu);
        co += left >= 4 ? 4 : left >= 2 ? 2 : 1;
      }
      ox += n;
    }
  }
}

function finish(p: usize, v: v128, n: i32, relu: bool): void {
  storeLanes(p, relu ? f32x4.pmax(v, f32x4.splat(0)) : v, n);
}

/** Four output channels of one segment. */
function taps4(
  xb: usize,
  offsets: usize,
  K: i32,
  w: usize,
  wRow: usize,
  bias: usize,
  y: usize,
  plane: usize,
  n: i32,
  relu: bool,
): void {
  let s0 = bias ? v128.load32_splat(bias) : f32x4.splat(0);
  let s1 = bias ? v128.load32_splat(bias, 4) : f32x4.splat(0);
  let s2 = bias ? v128.load32_splat(bias, 8) : f32x4.splat(0);
  let s3 = bias ? v128.load32_splat(bias, 12) : f32x4.splat(0);
  const w2 = wRow << 1;
  const w3 = w2 + wRow;
  let pw = w;
  let po = offsets;
  for (let k = 0; k < K; k++) {
    const b = v128.load(xb + <usize>load<i32>(po));
    s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(pw), b));
    s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(pw + wRow), b));
    s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(pw + w2), b));
    s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(pw + w3), b));
    pw += 4;
    po += 4;
  }
  finish(y, s0, n, relu);
  finish(y + plane, s1, n, relu);
  finish(y + 2 * plane, s2, n, relu);
  finish(y + 3 * plane, s3, n, relu);
}

/** Four output channels of a segment of 8. */
function taps4w(
  xb: usize,
  offsets: usize,
  K: i32,
  w: usize,
  wRow: usize,
  bias: usize,
  y: usize,
  plane: usize,
  relu: bool,
): void {
  let s0 = bias ? v128.load32_splat(bias) : f32x4.splat(0);
  let s1 = bias ? v128.load32_splat(bias, 4) : f32x4.splat(0);
  let s2 = bias ? v128.load32_splat(bias, 8) : f32x4.splat(0);
  let s3 = bias ? v128.load32_splat(bias, 12) : f32x4.splat(0);
  let t0 = s0;
  let t1 = s1;
  let t2 = s2;
  let t3 = s3;
  const w2 = wRow << 1;
  const w3 = w2 + wRow;
  let pw = w;
  let po = offsets;
  for (let k = 0; k < K; k++) {
    const at = xb + <usize>load<i32>(po);
    const b = v128.load(at);
    const c = v128.load(at, 16);
    let a = v128.load32_splat(pw);
    s0 = f32x4.add(s0, f32x4.mul(a, b));
    t0 = f32x4.add(t0, f32x4.mul(a, c));
    a = v128.load32_splat(pw + wRow);
    s1 = f32x4.add(s1, f32x4.mul(a, b));
    t1 = f32x4.add(t1, f32x4.mul(a, c));
    a = v128.load32_splat(pw + w2);
    s2 = f32x4.add(s2, f32x4.mul(a, b));
    t2 = f32x4.add(t2, f32x4.mul(a, c));
    a = v128.load32_splat(pw + w3);
    s3 = f32x4.add(s3, f32x4.mul(a, b));
    t3 = f32x4.add(t3, f32x4.mul(a, c));
    pw += 4;
    po += 4;
  }
  finish(y, s0, 4, relu);
  finish(y + 16, t0, 4, relu);
  finish(y + plane, s1, 4, relu);
  finish(y + plane + 16, t1, 4, relu);
  finish(y + 2 * plane, s2, 4, relu);
  finish(y + 2 * plane + 16, t2, 4, relu);
  finish(y + 3 * plane, s3, 4, relu);
  finish(y + 3 * plane + 16, t3, 4, relu);
}

/** Two output channels of a segment of 8. */
function taps2w(
  xb: usize,
  offsets: usize,
  K: i32,
  w: usize,
  wRow: usize,
  bias: usize,
  y: usize,
  plane: usize,
  relu: bool,
): void {
  let s0 = bias ? v128.load32_splat(bias) : f32x4.splat(0);
  let s1 = bias ? v128.load32_splat(bias, 4) : f32x4.splat(0);
  let t0 = s0;
  let t1 = s1;
  let pw = w;
  let po = offsets;
  for (let k = 0; k < K; k++) {
    const at = xb + <usize>load<i32>(po);
    const b = v128.load(at);
    const c = v128.load(at, 16);
    let a = v128.load32_splat(pw);
    s0 = f32x4.add(s0, f32x4.mul(a, b));
    t0 = f32x4.add(t0, f32x4.mul(a, c));
    a = v128.load32_splat(pw + wRow);
    s1 = f32x4.add(s1, f32x4.mul(a, b));
    t1 = f32x4.add(t1, f32x4.mul(a, c));
    pw += 4;
    po += 4;
  }
  finish(y, s0, 4, relu);
  finish(y + 16, t0, 4, relu);
  finish(y + plane, s1, 4, relu);
  finish(y + plane + 16, t1, 4, relu);
}

/** Two output channels of one segment. */
function taps2(
  xb: usize,
  offsets: usize,
  K: i32,
  w: usize,
  wRow: usize,
  bias: usize,
  y: usize,
  plane: usize,
  n: i32,
  relu: bool,
): void {
  let s0 = bias ? v128.load32_splat(bias) : f32x4.splat(0);
  let s1 = bias ? v128.load32_splat(bias, 4) : f32x4.splat(0);
  let pw = w;
  let po = offsets;
  for (let k = 0; k < K; k++) {
    const b = v128.load(xb + <usize>load<i32>(po));
    s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(pw), b));
    s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(pw + wRow), b));
    pw += 4;
    po += 4;
  }
  finish(y, s0, n, relu);
  finish(y + plane, s1, n, relu);
}

/** One output channel of one segment. */
function taps1(xb: usize, offsets: usize, K: i32, w: usize, bias: usize, y: usize, n: i32, relu: bool): void {
  let s0 = bias ? v128.load32_splat(bias) : f32x4.splat(0);
  let pw = w;
  let po = offsets;
  for (let k = 0; k < K; k++) {
    s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(pw), v128.load(xb + <usize>load<i32>(po))));
    pw += 4;
    po += 4;
  }
  finish(y, s0, n, relu);
}
