// Two floats at a time in float64: the optimizers compute in float64 and round to float32 where the
// reference stores, so their updates match the reference bit for bit.

/** The 2 floats at p as a float64x2. */
export function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** Rounds a float64x2 to 2 floats at p. */
export function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/** The float at p as a float64x2 (both lanes), for the odd element at the end. */
export function load1(p: usize): v128 {
  return f64x2.splat(<f64>load<f32>(p));
}

export function store1(p: usize, v: v128): void {
  store<f32>(p, <f32>f64x2.extract_lane(v, 0));
}

/** Rounds both lanes to float32 and back, as a store to a Float32Array and a read would. */
export function roundTrip(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}
