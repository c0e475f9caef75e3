// Stride-1 conv weight gradient without unrolling the input: per image, every (output channel, tap) pair is
// a dot product of dy's plane with the padded input shifted by the tap's offset (see conv_direct.ts),
// taken row by row in 4 lanes (the last group of a row masked on both operands), 2 channels by 4 taps at a
// time:   dw[co, k] += sum_{oy, ox} dy[co, oy, ox] * xp[off[k] + oy*wp + ox]
// The image's sums are added into dw across lanes at the end, so dw adds up image after image in order.
import { ConvShape } from './im2col';
import { laneMask, storeLanes, sum4 } from './lanes';

/** One image's contribution to dw[:, k0:k1] (dw [cout, K], already holding the earlier images'). */
export function directWeightGrad(
  s: ConvShape,
  xp: usize,
  wp: i32,
  offsets: usize,
  dy: usize,
  dw: usize,
  cout: i32,
  k0: i32,
  k1: i32,
): void {
  const K = s.cin * s.kh * s.kw;
  const plane = (<usize>(s.oh * s.ow)) << 2;
  for (let co = 0; co < cout; co += 2) {
    const d0 = dy + <usize>co * plane;
    const d1 = co + 1 < cout ? d0 + plane : d0;
    for (let k = k0; k < k1; k += 4) {
      const cols = min(k1 - k, 4);
      const at = offsets + ((<usize>k) << 2);
      const o0 = <usize>load<i32>(at);
      const o1 = cols > 1 ? <usize>load<i32>(at, 4) : o0;
      const o2 = cols > 2 ? <usize>load<i32>(at, 8) : o0;
      const o3 = cols > 3 ? <usize>load<i32>(at, 12) : o0;
      const c = dw + ((<usize>co * K + k) << 2);
      block(s, xp, wp, d0, d1, o0, o1, o2, o3, c, co + 1 < cout ? c + ((<usize>K) << 2) : 0, cols);
    }
  }
}

/** dw[c0 or c1 row, 4 taps] += the two channels' dot products with the 4 shifted inputs. */
function block(
  s: ConvShape,
  xp: usize,
  wp: i32,
  d0: usize,
  d1: usize,
  o0: usize,
  o1: usize,
  o2: usize,
  o3: usize,
  c0: usize,
  c1: usize,
  cols: i32,
): void {
  let s00 = f32x4.splat(0);
  let s01 = s00;
  let s02 = s00;
  let s03 = s00;
  let s10 = s00;
  let s11 = s00;
  let s12 = s00;
  let s13 = s00;
  const full = (<usize>(s.ow & ~3)) << 2;
  const tail = s.ow & 3;
  const mask = laneMask(tail);
  const rowX = (<usize>wp) << 2;
  const rowD = (<usize>s.ow) << 2;
  let x = xp;
  let dr = <usize>0;
  for (let oy = 0; oy < s.oh; oy++) {
    let o: usize = 0;
    for (; o < full; o += 16) {
      const a0 = v128.load(d0 + dr + o);
      const a1 = v128.load(d1 + dr + o);
      let b = v128.load(x + o0 + o);
      s00 = f32x4.add(s00, f32x4.mul(a0, b));
      s10 = f32x4.add(s10, f32x4.mul(a1, b));
      b = v128.load(x + o1 + o);
      s01 = f32x4.add(s01, f32x4.mul(a0, b));
      s11 = f32x4.add(s11, f32x4.mul(a1, b));
      b = v128.load(x + o2 + o);
      s02 = f32x4.add(s02, f32x4.mul(a0, b));
      s12 = f32x4.add(s12, f32x4.mul(a1, b));
      b = v128.load(x + o3 + o);
      s03 = f32x4.add(s03, f32x4.mul(a0, b));
      s13 = f32x4.add(s13, f32x4.mul(a1, b));
    }
    if (tail) {
      const a0 = v128.and(v128.load(d0 + dr + o), mask);
      const a1 = v128.and(v128.load(d1 + dr + o), mask);
      let b = v128.and(v128.load(x + o0 + o), mask);
      s00 = f32x4.add(s00, f32x4.mul(a0, b));
      s10 = f32x4.add(s10, f32x4.mul(a1, b));
      b = v128.and(v128.load(x + o1 + o), mask);
      s01 = f32x4.add(s01, f32x4.mul(a0, b));
      s11 = f32x4.add(s11, f32x4.mul(a1, b));
      b = v128.and(v128.load(x + o2 + o), mask);
      s02 = f32x4.add(s02, f32x4.mul(a0, b));
      s12 = f32x4.add(s12, f32x4.mul(a1, b));
      b = v128.and(v128.load(x + o3 + o), mask);
      s03 = f32x4.add(s03, f32x4.mul(a0, b));
      s13 = f32x4.add(s13, f32x4.mul(a1, b));
    }
    x += rowX;
    dr += rowD;
  }
  storeLanes(c0, f32x4.add(v128.load(c0), sum4(s00, s01, s02, s03)), cols);
  if (c1) storeLanes(c1, f32x4.add(v128.load(c1), sum4(s10, s11, s12, s13)), cols);
}
