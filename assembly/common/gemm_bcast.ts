// C = init + A·B on blocks of up to 4 rows by 8 columns, vectorised over C's columns: each A value is
// splat across the lanes and multiplied by 8 contiguous B values (the "broadcast" form). Addresses in bytes:
//   A(m, r) = a + m*am + r*ar,   B(r, j) = b + r*br + 4j,   C(m, j) = c + m*cm + 4j
//   C[m, j] = init(m, j) + sum_{r < depth} A(m, r) * B(r, j), then max(C, 0) when relu (NaN kept).
// B may be read up to 7 columns past `cols` (those lanes are never stored), so B rows need that much slack.
import { storeLanes } from './lanes';

/** C starts from 0. */
export const INIT_ZERO = 0;
/** C starts from bias[m] (4-byte floats at `bias`). */
export const INIT_ROW_BIAS = 1;
/** C starts from its current values: accumulates. */
export const INIT_LOAD = 2;

export function gemmBcast(
  rows: i32,
  cols: i32,
  depth: i32,
  a: usize,
  am: usize,
  ar: usize,
  b: usize,
  br: usize,
  c: usize,
  cm: usize,
  init: i32,
  bias: usize,
  relu: bool,
): void {
  for (let j = 0; j < cols; j += 8) {
    const n = min(cols - j, 8);
    const bj = b + ((<usize>j) << 2);
    const cj = c + ((<usize>j) << 2);
    let m = 0;
    for (; m + 4 <= rows; m += 4) {
      block4(
        depth,
        a + <usize>m * am,
        am,
        ar,
        bj,
        br,
        cj + <usize>m * cm,
        cm,
        n,
        init,
        bias + ((<usize>m) << 2),
        relu,
      );
    }
    if (m + 2 <= rows) {
      block2(
        depth,
        a + <usize>m * am,
        am,
        ar,
        bj,
        br,
        cj + <usize>m * cm,
        cm,
        n,
        init,
        bias + ((<usize>m) << 2),
        relu,
      );
      m += 2;
    }
    if (m < rows)
      block1(
        depth,
        a + <usize>m * am,
        ar,
        bj,
        br,
        cj + <usize>m * cm,
        n,
        init,
        bias + ((<usize>m) << 2),
        relu,
      );
  }
}

function start(c: usize, init: i32, bias: usize): v128 {
  if (init == INIT_LOAD) return v128.load(c);
  if (init == INIT_ROW_BIAS) return v128.load32_splat(bias);
  return f32x4.splat(0);
}

function finish(v: v128, relu: bool): v128 {
  return relu ? f32x4.pmax(v, f32x4.splat(0)) : v;
}

/** Stores 8 columns, or the first n < 8. */
function storeRow(p: usize, lo: v128, hi: v128, n: i32, relu: bool): void {
  storeLanes(p, finish(lo, relu), n);
  if (n > 4) storeLanes(p + 16, finish(hi, relu), n - 4);
}

function block4(
  depth: i32,
  a: usize,
  am: usize,
  ar: usize,
  b: usize,
  br: usize,
  c: usize,
  cm: usize,
  n: i32,
  init: i32,
  bias: usize,
  relu: bool,
): void {
  const c1 = c + cm;
  const c2 = c1 + cm;
  const c3 = c2 + cm;
  let s00 = start(c, init, bias);
  let s01 = start(c + 16, init, bias);
  let s10 = start(c1, init, bias + 4);
  let s11 = start(c1 + 16, init, bias + 4);
  let s20 = start(c2, init, bias + 8);
  let s21 = start(c2 + 16, init, bias + 8);
  let s30 = start(c3, init, bias + 12);
  let s31 = start(c3 + 16, init, bias + 12);
  const a1 = am;
  const a2 = am << 1;
  const a3 = a2 + am;
  let pa = a;
  let pb = b;
  for (let r = 0; r < depth; r++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let s = v128.load32_splat(pa);
    s00 = f32x4.add(s00, f32x4.mul(s, b0));
    s01 = f32x4.add(s01, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + a1);
    s10 = f32x4.add(s10, f32x4.mul(s, b0));
    s11 = f32x4.add(s11, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + a2);
    s20 = f32x4.add(s20, f32x4.mul(s, b0));
    s21 = f32x4.add(s21, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + a3);
    s30 = f32x4.add(s30, f32x4.mul(s, b0));
    s31 = f32x4.add(s31, f32x4.mul(s, b1));
    pa += ar;
    pb += br;
  }
  storeRow(c, s00, s01, n, relu);
  storeRow(c1, s10, s11, n, relu);
  storeRow(c2, s20, s21, n, relu);
  storeRow(c3, s30, s31, n, relu);
}

function block2(
  depth: i32,
  a: usize,
  am: usize,
  ar: usize,
  b: usize,
  br: usize,
  c: usize,
  cm: usize,
  n: i32,
  init: i32,
  bias: usize,
  relu: bool,
): void {
  const c1 = c + cm;
  let s00 = start(c, init, bias);
  let s01 = start(c + 16, init, bias);
  let s10 = start(c1, init, bias + 4);
  let s11 = start(c1 + 16, init, bias + 4);
  let pa = a;
  let pb = b;
  for (let r = 0; r < depth; r++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let s = v128.load32_splat(pa);
    s00 = f32x4.add(s00, f32x4.mul(s, b0));
    s01 = f32x4.add(s01, f32x4.mul(s, b1));
    s = v128.load32_splat(pa + am);
    s10 = f32x4.add(s10, f32x4.mul(s, b0));
    s11 = f32x4.add(s11, f32x4.mul(s, b1));
    pa += ar;
    pb += br;
  }
  storeRow(c, s00, s01, n, relu);
  storeRow(c1, s10, s11, n, relu);
}

function block1(
  depth: i32,
  a: usize,
  ar: usize,
  b: usize,
  br: usize,
  c: usize,
  n: i32,
  init: i32,
  bias: usize,
  relu: bool,
): void {
  let s00 = start(c, init, bias);
  let s01 = start(c + 16, init, bias);
  let pa = a;
  let pb = b;
  for (let r = 0; r < depth; r++) {
    const s = v128.load32_splat(pa);
    s00 = f32x4.add(s00, f32x4.mul(s, v128.load(pb)));
    s01 = f32x4.add(s01, f32x4.mul(s, v128.load(pb, 16)));
    pa += ar;
    pb += br;
  }
  storeRow(c, s00, s01, n, relu);
}
