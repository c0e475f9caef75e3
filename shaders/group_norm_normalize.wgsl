// common: index flat norm
// GroupNorm output, one thread per element: y = (x - mean[r]) * invstd[r] * weight[c] + bias[c], where r is
// the element's (sample, group) row of count values and c its channel; the statistics come from
// batch_norm2d_finalize_stats on that view. Without AFFINE y = (x - mean[r]) * invstd[r] and bias is not
// read either.
@group(0) @binding(5) var<storage, read> bias: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<f32>;

fn threads() -> u32 {
  return params.total;
}

fn run(i: u32) {
  let r = i / params.count;
  let xhat = (x[i] - mean[r]) * invstd[r];
  if (AFFINE) {
    let c = channel_of(i);
    y[i] = xhat * weight[c] + bias[c];
  } else {
    y[i] = xhat;
  }
}
