// common: index flat
// GroupNorm backward, pass 1: one thread per (channel c, sample b, chunk k of the H*W plane) sums dy and
// dy * xhat over its chunk, xhat = (x - mean) * invstd with the statistics of the sample's group, into
// partial[2t], partial[2t + 1] with t = (c * N + b) * chunks + k. batch_norm2d_finalize_grads then adds a
// channel's N * chunks partials in order into dbias and dweight, and group_norm_row_sums a group's into the
// sums dx needs. No atomics, fixed order.
struct Params {
  n: u32,
  channels: u32,
  plane: u32,
  groups: u32,
  chunks: u32,
  chunk_len: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read> mean: array<f32>;
@group(0) @binding(4) var<storage, read> invstd: array<f32>;
@group(0) @binding(5) var<storage, read_write> partial: array<f32>;

fn threads() -> u32 {
  return params.channels * params.n * params.chunks;
}

fn run(t: u32) {
  let k = t % params.chunks;
  let b = (t / params.chunks) % params.n;
  let c = t / params.chunks / params.n;
  let r = b * params.groups + c / (params.channels / params.groups);
  let m = mean[r];
  let s = invstd[r];
  let first = k * params.chunk_len;
  let start = (b * params.channels + c) * params.plane + first;
  let len = min(params.chunk_len, params.plane - first);
  var sum_dy = 0.0;
  var sum_dy_xhat = 0.0;
  for (var i = 0u; i < len; i++) {
    let g = dy[start + i];
    sum_dy += g;
    sum_dy_xhat += g * ((x[start + i] - m) * s);
  }
  partial[2u * t] = sum_dy;
  partial[2u * t + 1u] = sum_dy_xhat;
}
