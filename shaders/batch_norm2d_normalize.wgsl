// common: index
// BatchNorm2d output, one thread per element: y = (x - mean[c]) * invstd[c] * weight[c] + bias[c], with the
// statistics saved by batch_norm2d_finalize_stats (batch stats in training, running stats in eval).
// Without AFFINE (affine=False) y = (x - mean[c]) * invstd[c] and weight and bias are not read.
struct Params {
  total: u32,
  plane: u32,
  channels: u32,
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
  let c = (i / params.plane) % params.channels;
  if (AFFINE) {
    y[i] = (x[i] - mean[c]) * (invstd[c] * weight[c]) + bias[c];
  } else {
    y[i] = (x[i] - mean[c]) * invstd[c];
  }
}
