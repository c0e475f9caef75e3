// common: index
// GroupNorm output, one thread per element: y = (x - mean[r]) * invstd[r] * weight[c] + bias[c], where r is
// the element's (sample, group) row, a run of group_size = (C/G)*H*W contiguous values in NCHW, and c its
// channel; the statistics come from batch_norm2d_finalize_stats on that view. Without AFFINE
// (affine=False) y = (x - mean[r]) * invstd[r] and weight and bias are not read.
struct Params {
  total: u32,
  plane: u32,
  channels: u32,
  group_size: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> mean: array<f32>;
@group(0) @binding(3) var<storage, read> invstd: array<f32>;
@group(0) @binding(4) var<storage, read> weight: array<f32>;
@group(0) @binding(5) var<storage, read> bias: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<f32>;

override AFFINE: bool = true;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.total) {
    return;
  }
  let r = i / params.group_size;
  let xhat = (x[i] - mean[r]) * invstd[r];
  if (AFFINE) {
    let c = (i / params.plane) % params.channels;
    y[i] = xhat * weight[c] + bias[c];
  } else {
    y[i] = xhat;
  }
}
