// common: index norm
// BatchNorm2d output, one thread per element: y = (x - mean[c]) * invstd[c] * weight[c] + bias[c], with the
// statistics saved by batch_norm2d_finalize_stats (batch stats in training, running stats in eval).
// Without AFFINE y = (x - mean[c]) * invstd[c] and bias is not read either.
@group(0) @binding(5) var<storage, read> bias: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.total) {
    return;
  }
  let c = channel_of(i);
  if (AFFINE) {
    y[i] = (x[i] - mean[c]) * (invstd[c] * weight[c]) + bias[c];
  } else {
    y[i] = (x[i] - mean[c]) * invstd[c];
  }
}
