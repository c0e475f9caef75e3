// common: index lanes
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

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.n4) {
    return;
  }
  let v = a[i] + b[i];
  if (4u * i + 4u <= params.n) {
    y[i] = v;
  } else {
    y[i] = select(y[i], v, live_lanes(i, params.n));
  }
}
