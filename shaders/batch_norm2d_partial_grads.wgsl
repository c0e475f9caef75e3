// common: index flat norm_chunks
// BatchNorm2d backward, pass 1 of 3: one thread per (channel, chunk) sums dy and dy * xhat over a contiguous
// chunk of the channel's N*H*W values, xhat = (x - mean) * invstd recomputed from the saved statistics.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read> mean: array<f32>;
@group(0) @binding(4) var<storage, read> invstd: array<f32>;
@group(0) @binding(5) var<storage, read_write> partial: array<f32>;

fn threads() -> u32 {
  return params.channels * params.chunks;
}

fn run(t: u32) {
  let c = t / params.chunks;
  let k = t % params.chunks;
  let len = chunk_length(k);
  let first = chunk_start(c, k);
  var a = first.x;
  var s = first.y;
  let m = mean[c];
  let r = invstd[c];
  var sum_dy = 0.0;
  var sum_dy_xhat = 0.0;
  for (var i = 0u; i < len; i++) {
    let g = dy[a];
    sum_dy += g;
    sum_dy_xhat += g * ((x[a] - m) * r);
    advance(&a, &s);
  }
  partial[2u * t] = sum_dy;
  partial[2u * t + 1u] = sum_dy_xhat;
}
