// common: index flat lanes
// y += x elementwise, in place: sums the gradients of a tensor that feeds several nodes (the backward of a
// fan-out). One vec4 per thread; params.n4 counts vec4s, params.n scalars; lanes past n keep their values
// (live_lanes), as in add_forward.
struct Params {
  n4: u32,
  n: u32,
}

@group(0) @binding(1) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<vec4<f32>>;

fn threads() -> u32 {
  return params.n4;
}

fn run(i: u32) {
  let old = y[i];
  y[i] = select(old, old + x[i], live_lanes(i, params.n));
}
