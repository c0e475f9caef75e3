// Gathers one batch from the GPU-resident uint8 dataset by an index buffer and normalises it to float:
// x[b, p] = (pixel(indices[start + b], p) / 255 - mean) * inv_std, and y[b] = label(indices[start + b]).
// Pixels and labels are packed 4 bytes per u32 (little-endian), as uploaded from the IDX bytes.
// One thread per output value, no barriers (SwiftShader-friendly); threads with p == 0 copy the label.
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

override WG_X: u32 = 64;

fn byte_at(word: u32, byte_index: u32) -> u32 {
  return (word >> ((byte_index & 3u) * 8u)) & 0xffu;
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg, WG_X);
  if (i >= params.batch * params.pixels) {
    return;
  }
  let b = i / params.pixels;
  let p = i - b * params.pixels;
  let image = indices[params.start + b];
  let at = image * params.pixels + p;
  let v = f32(byte_at(images[at >> 2u], at)) / 255.0;
  x[i] = (v - params.mean) * params.inv_std;
  if (p == 0u) {
    y[b] = byte_at(labels[image >> 2u], image);
  }
}
