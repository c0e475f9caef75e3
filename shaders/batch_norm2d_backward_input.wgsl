// common: index flat norm
// BatchNorm2d backward, pass 3 of 3, one thread per element. With M = N*H*W values per channel:
// training: dx = weight * invstd * (dy - dbias / M - xhat * dweight / M), since the batch statistics
// depend on x; eval: dx = weight * invstd * dy. dweight/dbias come from batch_norm2d_finalize_grads.
// Without AFFINE dweight/dbias hold the same sums in scratch buffers, as there are no parameters to write
// them to.
@group(0) @binding(5) var<storage, read> dy: array<f32>;
@group(0) @binding(6) var<storage, read> dweight: array<f32>;
@group(0) @binding(7) var<storage, read> dbias: array<f32>;
@group(0) @binding(8) var<storage, read_write> dx: array<f32>;

override TRAINING: bool = true;

fn threads() -> u32 {
  return params.total;
}

fn run(i: u32) {
  let c = channel_of(i);
  let r = invstd[c];
  var g = dy[i];
  if (TRAINING) {
    let inv_count = 1.0 / f32(params.count);
    let xhat = (x[i] - mean[c]) * r;
    g = g - dbias[c] * inv_count - xhat * (dweight[c] * inv_count);
  }
  if (AFFINE) {
    dx[i] = weight[c] * r * g;
  } else {
    dx[i] = r * g;
  }
}
