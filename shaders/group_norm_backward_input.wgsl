// common: index
// GroupNorm backward, pass 3, one thread per element: with g = dy * weight[c] (dy without AFFINE), the
// statistics of the element's (sample, group) row r and M = group_size values a row,
// dx = invstd * (g - sum(g) / M - xhat * sum(g * xhat) / M), the sums from group_norm_row_sums.
struct Params {
  total: u32,
  plane: u32,
  channels: u32,
  group_size: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read> mean: array<f32>;
@group(0) @binding(4) var<storage, read> invstd: array<f32>;
@group(0) @binding(5) var<storage, read> weight: array<f32>;
@group(0) @binding(6) var<storage, read> row_sums: array<f32>;
@group(0) @binding(7) var<storage, read_write> dx: array<f32>;

override AFFINE: bool = true;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.total) {
    return;
  }
  let r = i / params.group_size;
  let s = invstd[r];
  let inv_m = 1.0 / f32(params.group_size);
  let xhat = (x[i] - mean[r]) * s;
  var g = dy[i];
  if (AFFINE) {
    g *= weight[(i / params.plane) % params.channels];
  }
  dx[i] = s * (g - row_sums[2u * r] * inv_m - xhat * (row_sums[2u * r + 1u] * inv_m));
}
