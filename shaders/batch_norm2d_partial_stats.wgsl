// common: index
// BatchNorm2d statistics, pass 1 of 2: one thread per (channel, chunk) walks a contiguous chunk of the
// channel's N*H*W values and writes the chunk's mean and sum of squared deviations (M2), two passes over the
// chunk for accuracy. Chunks give a small layer enough threads without atomics; the reduction is fixed-order.
struct Params {
  channels: u32,
  plane: u32,
  count: u32,
  chunks: u32,
  chunk_len: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> partial: array<f32>;

// Address of the channel's first value in chunk `k`; values run along the plane, then jump one image.
fn chunk_start(c: u32, k: u32) -> u32 {
  let j = k * params.chunk_len;
  return ((j / params.plane) * params.channels + c) * params.plane + j % params.plane;
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  if (t >= params.channels * params.chunks) {
    return;
  }
  let c = t / params.chunks;
  let k = t % params.chunks;
  let len = min(params.chunk_len, params.count - k * params.chunk_len);
  let skip = (params.channels - 1u) * params.plane;
  let first = chunk_start(c, k);
  let first_s = (k * params.chunk_len) % params.plane;

  var sum = 0.0;
  var a = first;
  var s = first_s;
  for (var i = 0u; i < len; i++) {
    sum += x[a];
    a++;
    s++;
    if (s == params.plane) {
      s = 0u;
      a += skip;
    }
  }
  let mean = sum / f32(len);

  var m2 = 0.0;
  a = first;
  s = first_s;
  for (var i = 0u; i < len; i++) {
    let d = x[a] - mean;
    m2 += d * d;
    a++;
    s++;
    if (s == params.plane) {
      s = 0u;
      a += skip;
    }
  }
  partial[2u * t] = mean;
  partial[2u * t + 1u] = m2;
}
