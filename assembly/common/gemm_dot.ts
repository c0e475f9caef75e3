// C = init + A·Bᵀ where both operands are contiguous along the sum (the "dot" form): 4-lane partial sums
// along r, added across lanes at the end. Blocks of 2 rows by 4 columns. Addresses in bytes:
//   A(m, r) = a + m*am + 4r,   B(j, r) = b + j*bn + 4r,   C(m, j) = c + m*cm + 4j
//   C[m, j] = init(m, j) + sum_{r < depth} A(m, r) * B(j, r), then max(C, 0) when relu (NaN kept).
// The last partial group of 4 is masked on both operands, so values past a row's end never reach a sum;
// rows are read up to 3 floats past `depth` and C up to 3 columns past `cols` (never stored).
import { laneMask, storeLanes, sum4 } from './lanes';

/** C starts from 0. */
export const DOT_ZERO = 0;
/** C starts from bias[j] (4-byte floats at `bias`). */
export const DOT_COL_BIAS = 1;
/** C starts from its current values: accumulates. */
export const DOT_LOAD = 2;

export function gemmDot(
  rows: i32,
  cols: i32,
  depth: i32,
  a: usize,
  am: usize,
  b: usize,
  bn: usize,
  c: usize,
  cm: usize,
  init: i32,
  bias: usize,
  relu: bool,
): void {
  for (let m = 0; m < rows; m += 2) {
    const pair = min(rows - m, 2);
    for (let j = 0; j < cols; j += 4) {
      dot2x4(
        depth,
        a + <usize>m * am,
        am,
        pair,
        b + <usize>j * bn,
        bn,
        min(cols - j, 4),
        c + <usize>m * cm + ((<usize>j) << 2),
        cm,
        init,
        bias + ((<usize>j) << 2),
        relu,
      );
    }
  }
}

/** One block; a missing second row or missing columns repeat the first one's operands and are not stored. */
function dot2x4(
  depth: i32,
  a: usize,
  am: usize,
  rows: i32,
  b: usize,
  bn: usize,
  cols: i32,
  c: usize,
  cm: usize,
  init: i32,
  bias: usize,
  relu: bool,
): void {
  const a0 = a;
  const a1 = rows > 1 ? a + am : a;
  const b0 = b;
  const b1 = cols > 1 ? b + bn : b;
  const b2 = cols > 2 ? b + 2 * bn : b;
  const b3 = cols > 3 ? b + 3 * bn : b;
  let s00 = f32x4.splat(0);
  let s01 = s00;
  let s02 = s00;
  let s03 = s00;
  let s10 = s00;
  let s11 = s00;
  let s12 = s00;
  let s13 = s00;
  const full = (<usize>(depth & ~3)) << 2;
  let o: usize = 0;
  for (; o < full; o += 16) {
    const x0 = v128.load(a0 + o);
    const x1 = v128.load(a1 + o);
    let y = v128.load(b0 + o);
    s00 = f32x4.add(s00, f32x4.mul(x0, y));
    s10 = f32x4.add(s10, f32x4.mul(x1, y));
    y = v128.load(b1 + o);
    s01 = f32x4.add(s01, f32x4.mul(x0, y));
    s11 = f32x4.add(s11, f32x4.mul(x1, y));
    y = v128.load(b2 + o);
    s02 = f32x4.add(s02, f32x4.mul(x0, y));
    s12 = f32x4.add(s12, f32x4.mul(x1, y));
    y = v128.load(b3 + o);
    s03 = f32x4.add(s03, f32x4.mul(x0, y));
    s13 = f32x4.add(s13, f32x4.mul(x1, y));
  }
  if (depth & 3) {
    const mask = laneMask(depth & 3);
    const x0 = v128.and(v128.load(a0 + o), mask);
    const x1 = v128.and(v128.load(a1 + o), mask);
    let y = v128.and(v128.load(b0 + o), mask);
    s00 = f32x4.add(s00, f32x4.mul(x0, y));
    s10 = f32x4.add(s10, f32x4.mul(x1, y));
    y = v128.and(v128.load(b1 + o), mask);
    s01 = f32x4.add(s01, f32x4.mul(x0, y));
    s11 = f32x4.add(s11, f32x4.mul(x1, y));
    y = v128.and(v128.load(b2 + o), mask);
    s02 = f32x4.add(s02, f32x4.mul(x0, y));
    s12 = f32x4.add(s12, f32x4.mul(x1, y));
    y = v128.and(v128.load(b3 + o), mask);
    s03 = f32x4.add(s03, f32x4.mul(x0, y));
    s13 = f32x4.add(s13, f32x4.mul(x1, y));
  }
  finish(c, sum4(s00, s01, s02, s03), cols, init, bias, relu);
  if (rows > 1) finish(c + cm, sum4(s10, s11, s12, s13), cols, init, bias, relu);
}

function finish(c: usize, sums: v128, cols: i32, init: i32, bias: usize, relu: bool): void {
  let v = sums;
  if (init == DOT_LOAD) v = f32x4.add(v128.load(c), v);
  else if (init == DOT_COL_BIAS) v = f32x4.add(v, v128.load(bias));
  if (relu) v = f32x4.pmax(v, f32x4.splat(0));
  storeLanes(c, v, cols);
}
