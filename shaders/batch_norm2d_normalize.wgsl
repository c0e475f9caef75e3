// common: index flat norm
// BatchNorm2d output, one thread per element: y = (x - mean[c]) * invstd[c] * weight[c] + bias[c], with the
// statistics saved by batch_norm2d_finalize_stats (batch stats in training, running stats in eval).
// Without AFFINE y = (x - mean[c]) * invstd[c] and bias is not read either.
@group(0) @binding(5) var<storage, read> bias: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<f32>;

fn threads() -> u32 {
  return params.total;
}

fn run(i: u32) {
  let c = channel_of(i);
  if (AFFINE) {
    y[i] = (x[i] - mean[c]) * (invstd[c] * weight[c]) + bias[c];
  } else {
    y[i] = (x[i] - mean[c]) * invstd[c];
  }
}
