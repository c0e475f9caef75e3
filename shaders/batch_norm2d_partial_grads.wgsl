// common: index
// BatchNorm2d backward, pass 1 of 3: one thread per (channel, chunk) sums dy and dy * xhat over a contiguous
// chunk of the channel's N*H*W values, xhat = (x - mean) * invstd recomputed from the saved statistics.
// Same chunking as batch_norm2d_partial_stats; no atomics, fixed order.
struct Params {
  channels: u32,
  plane: u32,
  count: u32,
  chunks: u32,
  chunk_len: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read> mean: array<f32>;
@group(0) @binding(4) var<storage, read> invstd: array<f32>;
@group(0) @binding(5) var<storage, read_write> partial: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  if (t >= params.channels * params.chunks) {
    return;
  }
  let c = t / params.chunks;
  let k = t % params.chunks;
  let j = k * params.chunk_len;
  let len = min(params.chunk_len, params.count - j);
  let skip = (params.channels - 1u) * params.plane;
  var s = j % params.plane;
  var a = ((j / params.plane) * params.channels + c) * params.plane + s;
  let m = mean[c];
  let r = invstd[c];
  var sum_dy = 0.0;
  var sum_dy_xhat = 0.0;
  for (var i = 0u; i < len; i++) {
    let g = dy[a];
    sum_dy += g;
    sum_dy_xhat += g * ((x[a] - m) * r);
    a++;
    s++;
    if (s == params.plane) {
      s = 0u;
      a += skip;
    }
  }
  partial[2u * t] = sum_dy;
  partial[2u * t + 1u] = sum_dy_xhat;
}
