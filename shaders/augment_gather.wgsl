// common: hash augment
// gather_batch with augmentation: sample b of the batch is image indices[start + b], shifted, rotated,
// zoomed and mirrored by the inverse affine map augment_draw put in `draws`, sampled bilinearly (zeros
// outside, as PyTorch's grid_sample with align_corners=True), its brightness and contrast jittered and
// Gaussian noise added (common/hash.wgsl's normal_noise of the value index), then normalised:
// x[b, c, y, x] = (clamp(value, 0, 1) − mean) · inv_std, y[b] = label. Source point of output (x, y):
// u = x − (cx + dx), v = y − (cy + dy); sx = cx + f(u cos θ + v sin θ)/z, sy = cy + (−u sin θ + v cos θ)/z
// (mirroring about cx negates sx − cx); src/engine/reference/augment-batch.ts has the same maths.
// A 3-D grid (x along a row, y down the rows, z over the batch): no integer division per element, and the
// four taps always load (clamped into the image) and are masked, so lanes do not diverge.
@group(0) @binding(1) var<storage, read> indices: array<u32>;
@group(0) @binding(2) var<storage, read> images: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read> draws: array<f32>;
@group(0) @binding(5) var<storage, read_write> x: array<f32>;
@group(0) @binding(6) var<storage, read_write> y: array<u32>;

override WG_X: u32 = 8;
override WG_Y: u32 = 8;
// Noise on: a pipeline of its own, since SwiftShader runs a branch's body even when no lane takes it.
override NOISE: bool = false;

// Pixel (px, py) of the plane from byte `first` of the packed images, 0 outside the image.
fn texel(first: u32, px: i32, py: i32) -> f32 {
  let inside = px >= 0 && py >= 0 && px < i32(params.w) && py < i32(params.h);
  let at = first + u32(clamp(py, 0, i32(params.h) - 1)) * params.w + u32(clamp(px, 0, i32(params.w) - 1));
  return select(0.0, f32((images[at >> 2u] >> ((at & 3u) * 8u)) & 0xffu), inside);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let b = gid.z;
  if (gid.x >= params.w || gid.y >= params.h || b >= params.batch) {
    return;
  }
  let image = indices[params.start + b];
  let d = 8u * b;
  let u = f32(gid.x) - draws[d + 4u];
  let v = f32(gid.y) - draws[d + 5u];
  let sx = f32(params.w - 1u) * 0.5 + draws[d] * u + draws[d + 1u] * v;
  let sy = f32(params.h - 1u) * 0.5 + draws[d + 2u] * u + draws[d + 3u] * v;
  let brightness = draws[d + 6u];
  let contrast = draws[d + 7u];
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
    if (NOISE) {
      jittered += params.noise * normal_noise(b * params.pixels + i, params.step, params.noise_seed);
    }
    x[b * params.pixels + i] = (clamp(jittered, 0.0, 1.0) - params.mean) * params.inv_std;
  }
  if (gid.x == 0u && gid.y == 0u) {
    y[b] = (labels[image >> 2u] >> ((image & 3u) * 8u)) & 0xffu;
  }
}
