// Vector helpers shared by the kernels: partial stores at the end of a row, masks for partial loads, and
// horizontal sums.

/** Stores the first `n` (0..4) lanes of `v` at `p`; all four when n >= 4. */
export function storeLanes(p: usize, v: v128, n: i32): void {
  if (n >= 4) {
    v128.store(p, v);
    return;
  }
  if (n > 0) v128.store32_lane(p, v, 0);
  if (n > 1) v128.store32_lane(p, v, 1, 4);
  if (n > 2) v128.store32_lane(p, v, 2, 8);
}

/** All-ones in lanes [0, n), zeros above: v128.and with it zeroes the lanes past the end of a row. */
export function laneMask(n: i32): v128 {
  const lanes = i32x4(0, 1, 2, 3);
  return i32x4.lt_s(lanes, i32x4.splat(n));
}

/** (sum a, sum b, sum c, sum d): four horizontal sums in one vector, by two transpose-and-add rounds. */
export function sum4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 4, 1, 5), v128.shuffle<f32>(a, b, 2, 6, 3, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 4, 1, 5), v128.shuffle<f32>(c, d, 2, 6, 3, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 1, 4, 5), v128.shuffle<f32>(ab, cd, 2, 3, 6, 7));
}
