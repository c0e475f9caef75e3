// Gathers one batch from the GPU-resident uint8 dataset by an index buffer and normalises it to float:
// x[b, p] = (pixel(indices[start + b], p) / 255 - mean) * inv_std, and y[b] = label(indices[start + b]).
// Pixels and labels are packed 4 bytes per u32 (little-endian), as uploaded from the IDX bytes.
// No barriers (SwiftShader-friendly) and no integer division (SwiftShader scalarises it per lane): a 2-D
// grid, x over groups of 4 pixels, y over images of the batch; each thread turns 4 bytes (one or two
// packed words) into 4 floats. No grid-stride loop: on SwiftShader it cost more than the gather itself.
struct Params {
  batch: u32,
  start: u32,
  pixels: u32,
  mean: f32,
  inv_std: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> indices: array<u32>;
@group(0) @binding(2) var<storage, read> images: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> x: array<f32>;
@group(0) @binding(5) var<storage, read_write> y: array<u32>;

override WG_X: u32 = 16;
override WG_Y: u32 = 4;
// pixels % 4 == 0: every group of 4 pixels is one packed word.
override ALIGNED: bool = true;

fn byte_at(word: u32, byte_index: u32) -> u32 {
  return (word >> ((byte_index & 3u) * 8u)) & 0xffu;
}

fn normalised(byte: u32) -> f32 {
  return (f32(byte) / 255.0 - params.mean) * params.inv_std;
}

// Pixels p0 .. p0 + 3 (those below params.pixels) of image `image` into x from element `to`.
fn gather_quad(image: u32, p0: u32, to: u32) {
  let at = image * params.pixels + p0;
  let w0 = images[at >> 2u];
  if (ALIGNED) {
    x[to] = normalised(w0 & 0xffu);
    x[to + 1u] = normalised((w0 >> 8u) & 0xffu);
    x[to + 2u] = normalised((w0 >> 16u) & 0xffu);
    x[to + 3u] = normalised(w0 >> 24u);
    return;
  }
  // The 4 bytes may straddle two words; the second is clamped into the buffer at the very end.
  let w1 = images[min((at >> 2u) + 1u, arrayLength(&images) - 1u)];
  let count = min(params.pixels - p0, 4u);
  tail_pixel(w0, w1, at, 0u, count, to);
  tail_pixel(w0, w1, at, 1u, count, to);
  tail_pixel(w0, w1, at, 2u, count, to);
  tail_pixel(w0, w1, at, 3u, count, to);
}

// Pixel k of a group whose first byte is byte `at` of the packed images, if k < count.
fn tail_pixel(w0: u32, w1: u32, at: u32, k: u32, count: u32, to: u32) {
  let s = (at & 3u) + k;
  if (k < count) {
    x[to + k] = normalised(byte_at(select(w1, w0, s < 4u), s));
  }
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let quads = (params.pixels + 3u) >> 2u;
  let b = gid.y;
  let q = gid.x;
  if (b >= params.batch || q >= quads) {
    return;
  }
  let image = indices[params.start + b];
  gather_quad(image, q * 4u, b * params.pixels + q * 4u);
  if (q == 0u) {
    y[b] = byte_at(labels[image >> 2u], image);
  }
}
