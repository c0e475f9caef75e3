// common: index flat
// GroupNorm backward, pass 2: one thread per (sample b, group) row r adds the row's partials from
// group_norm_partial_grads, in order, into the sums dx needs: with g = dy * weight[c],
// row_sums[2r] = sum g and row_sums[2r + 1] = sum g * xhat over the group's (C/G)*H*W values. Without
// AFFINE the weight is 1 and not read.
struct Params {
  n: u32,
  channels: u32,
  groups: u32,
  chunks: u32,
}

@group(0) @binding(1) var<storage, read> partial: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read_write> row_sums: array<f32>;

override AFFINE: bool = true;

fn threads() -> u32 {
  return params.n * params.groups;
}

fn run(r: u32) {
  let b = r / params.groups;
  let per_group = params.channels / params.groups;
  let c0 = (r % params.groups) * per_group;
  var sum_g = 0.0;
  var sum_g_xhat = 0.0;
  for (var c = c0; c < c0 + per_group; c++) {
    var sum_dy = 0.0;
    var sum_dy_xhat = 0.0;
    let first = (c * params.n + b) * params.chunks;
    for (var k = 0u; k < params.chunks; k++) {
      sum_dy += partial[2u * (first + k)];
      sum_dy_xhat += partial[2u * (first + k) + 1u];
    }
    var w = 1.0;
    if (AFFINE) {
      w = weight[c];
    }
    sum_g += w * sum_dy;
    sum_g_xhat += w * sum_dy_xhat;
  }
  row_sums[2u * r] = sum_g;
  row_sums[2u * r + 1u] = sum_g_xhat;
}
