// common: index norm
// GroupNorm output, one thread per element: y = (x - mean[r]) * invstd[r] * weight[c] + bias[c], where r is
// the element's (sample, group) row of count values and c its channel; the statistics come from
// batch_norm2d_finalize_stats on that view. Without AFFINE y = (x - mean[r]) * invstd[r] and bias is not
// read either.
@group(0) @binding(5) var<storage, read> bias: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.total) {
    return;
  }
  let r = i / params.count;
  let xhat = (x[i] - mean[r]) * invstd[r];
  if (AFFINE) {
    let c = channel_of(i);
    y[i] = xhat * weight[c] + bias[c];
  } else {
    y[i] = xhat;
  }
}
