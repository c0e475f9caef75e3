// common: index flat norm
// GroupNorm backward, pass 3, one thread per element: with g = dy * weight[c] (dy without AFFINE), the
// statistics of the element's (sample, group) row r and M = count values a row,
// dx = invstd * (g - sum(g) / M - xhat * sum(g * xhat) / M), the sums from group_norm_row_sums.
@group(0) @binding(5) var<storage, read> dy: array<f32>;
@group(0) @binding(6) var<storage, read> row_sums: array<f32>;
@group(0) @binding(7) var<storage, read_write> dx: array<f32>;

fn threads() -> u32 {
  return params.total;
}

fn run(i: u32) {
  let r = i / params.count;
  let s = invstd[r];
  let inv_m = 1.0 / f32(params.count);
  let xhat = (x[i] - mean[r]) * s;
  var g = dy[i];
  if (AFFINE) {
    g *= weight[channel_of(i)];
  }
  dx[i] = s * (g - row_sums[2u * r] * inv_m - xhat * (row_sums[2u * r + 1u] * inv_m));
}
