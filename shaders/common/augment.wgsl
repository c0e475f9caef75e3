// The augmenting gather's two passes (augment_draw, augment_gather) share these uniforms and the table of
// per-sample transforms: draw writes 8 floats a sample, [f·cos θ/z, f·sin θ/z, −sin θ/z, cos θ/z,
// cx + dx, cy + dy, brightness, contrast] (f = −1 mirrored, else 1), gather reads them for every pixel.
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
