// common: index flat lanes
// y = a + b elementwise (a residual connection's sum), one vec4 per thread as in activation_forward_vec4.
// params.n4 counts vec4s (threads), params.n scalars. Where n is not a multiple of 4 the last vec4 runs
// into the buffers' 16-byte padding: that one thread takes the scalar tail path, storing only the live
// lanes (live_lanes) and writing the padding back unchanged.
struct Params {
  n4: u32,
  n: u32,
}

@group(0) @binding(1) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> y: array<vec4<f32>>;

fn threads() -> u32 {
  return params.n4;
}

fn run(i: u32) {
  let v = a[i] + b[i];
  if (4u * i + 4u <= params.n) {
    y[i] = v;
  } else {
    y[i] = select(y[i], v, live_lanes(i, params.n));
  }
}
