// The lanes of vec4 number i, over a flat array of n scalars, that hold elements (4i + lane < n). When n is
// not a multiple of 4 the last vec4 runs into the buffer's 16-byte padding: a store selects the old
// values there, so memory past the n elements is written back unchanged.
fn live_lanes(i: u32, n: u32) -> vec4<bool> {
  return vec4<u32>(i * 4u) + vec4<u32>(0u, 1u, 2u, 3u) < vec4<u32>(n);
}
