// common: index
// y[i] += alpha * x[i]: accumulates one gradient or tensor into another (e.g. two loss terms).
struct Params {
  n: u32,
  alpha: f32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.n) {
    return;
  }
  y[i] = y[i] + params.alpha * x[i];
}
