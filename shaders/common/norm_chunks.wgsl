// BatchNorm2d's chunked passes over a channel's N*H*W values (x [N, C, H, W], plane = H*W), one thread per
// (channel, chunk) of chunk_len values (the last chunk of count may be shorter): chunks give a small layer
// enough threads without atomics, and the reduction over them is fixed-order.
struct Params {
  channels: u32,
  plane: u32,
  count: u32,
  chunks: u32,
  chunk_len: u32,
}

// Address of channel c's first value in chunk k, and that value's position within its plane.
fn chunk_start(c: u32, k: u32) -> vec2<u32> {
  let j = k * params.chunk_len;
  return vec2<u32>(((j / params.plane) * params.channels + c) * params.plane + j % params.plane, j % params.plane);
}

// Chunk k's length.
fn chunk_length(k: u32) -> u32 {
  return min(params.chunk_len, params.count - k * params.chunk_len);
}

// Moves address a (at position s within its plane) to the channel's next value: along the plane, then
// over the other channels' planes to the next image.
fn advance(a: ptr<function, u32>, s: ptr<function, u32>) {
  *a += 1u;
  *s += 1u;
  if (*s == params.plane) {
    *s = 0u;
    *a += (params.channels - 1u) * params.plane;
  }
}
