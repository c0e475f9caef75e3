// common: hash
// gather_batch with augmentation: sample b of the batch is image indices[start + b], shifted, rotated,
// zoomed and mirrored by an inverse affine map with bilinear sampling (zeros outside, as PyTorch's
// grid_sample with align_corners=True), its brightness and contrast jittered and Gaussian noise added, then
// normalised: x[b, c, y, x] = (clamp(value) - mean) * inv_std, y[b] = label. The transform is drawn from
// pcg3d hashes of (8b + k, step, seed) and the noise from those of the value index (common/hash.wgsl), so
// src/engine/reference/augment-batch.ts draws the same transforms on the CPU; its comment has the maths.
// A 3-D grid (x along a row, y down the rows, z over the batch): no integer division per element.
struct Params {
  batch: u32,
  start: u32,
  channels: u32,
  h: u32,
  w: u32,
  pixels: u32,
  seed: u32,
  noise_seed: u32,
  step: u32,
  shift: u32,
  flip: u32,
  rotate_turns: f32,
  scale: f32,
  brightness: f32,
  contrast: f32,
  noise: f32,
  mean: f32,
  inv_std: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> indices: array<u32>;
@group(0) @binding(2) var<storage, read> images: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read_write> x: array<f32>;
@group(0) @binding(5) var<storage, read_write> y: array<u32>;

override WG_X: u32 = 8;
override WG_Y: u32 = 8;

// Draw k of sample b: the top 24 bits of its hash.
fn draw(b: u32, k: u32) -> u32 {
  return pcg3d_x(8u * b + k, params.step, params.seed) >> 8u;
}

// (2r / 2^24 - 1) * max: uniform in [-max, max).
fn spread(r: u32, max: f32) -> f32 {
  return (2.0 * f32(r) / 16777216.0 - 1.0) * max;
}

// floor(r * (2s + 1) / 2^24) - s in integers (r * 17 < 2^29): a whole shift in -s..s.
fn whole(r: u32) -> f32 {
  return f32((r * (2u * params.shift + 1u)) >> 24u) - f32(params.shift);
}

// Byte `at` of the packed images.
fn byte_at(at: u32) -> f32 {
  return f32((images[at >> 2u] >> ((at & 3u) * 8u)) & 0xffu);
}

// Pixel (px, py) of the plane starting at byte `plane_at`, 0 outside the image.
fn texel(plane_at: u32, px: i32, py: i32) -> f32 {
  if (px < 0 || py < 0 || px >= i32(params.w) || py >= i32(params.h)) {
    return 0.0;
  }
  return byte_at(plane_at + u32(py) * params.w + u32(px));
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let b = gid.z;
  if (gid.x >= params.w || gid.y >= params.h || b >= params.batch) {
    return;
  }
  let image = indices[params.start + b];
  let dx = whole(draw(b, 0u));
  let dy = whole(draw(b, 1u));
  let turns = spread(draw(b, 2u), params.rotate_turns);
  let zoom = 1.0 + spread(draw(b, 3u), params.scale);
  let flip = params.flip != 0u && draw(b, 4u) < 8388608u;
  let brightness = spread(draw(b, 5u), params.brightness);
  let contrast = 1.0 + spread(draw(b, 6u), params.contrast);
  // sin(2πt) = cos(2π(t - 1/4)); cos_2pi is accurate to float32 where WGSL's cos is not.
  let cos_z = cos_2pi(turns) / zoom;
  let sin_z = cos_2pi(turns - 0.25) / zoom;
  let cx = f32(params.w - 1u) * 0.5;
  let cy = f32(params.h - 1u) * 0.5;
  let u = f32(gid.x) - cx - dx;
  let v = f32(gid.y) - cy - dy;
  var sx = cx + u * cos_z + v * sin_z;
  let sy = cy - u * sin_z + v * cos_z;
  if (flip) {
    sx = f32(params.w - 1u) - sx;
  }
  let fx0 = floor(sx);
  let fy0 = floor(sy);
  let fx = sx - fx0;
  let fy = sy - fy0;
  let x0 = i32(fx0);
  let y0 = i32(fy0);
  let plane = params.h * params.w;
  let at = gid.y * params.w + gid.x;
  for (var c = 0u; c < params.channels; c++) {
    let first = image * params.pixels + c * plane;
    let value = (1.0 - fy) * ((1.0 - fx) * texel(first, x0, y0) + fx * texel(first, x0 + 1, y0)) +
      fy * ((1.0 - fx) * texel(first, x0, y0 + 1) + fx * texel(first, x0 + 1, y0 + 1));
    let i = c * plane + at;
    var jittered = (value / 255.0 - 0.5) * contrast + 0.5 + brightness;
    if (params.noise > 0.0) {
      jittered += params.noise * normal_noise(b * params.pixels + i, params.step, params.noise_seed);
    }
    x[b * params.pixels + i] = (clamp(jittered, 0.0, 1.0) - params.mean) * params.inv_std;
  }
  if (gid.x == 0u && gid.y == 0u) {
    y[b] = (labels[image >> 2u] >> ((image & 3u) * 8u)) & 0xffu;
  }
}
