// common: hash augment
// Draws each sample's transform for augment_gather, one thread per sample: draw k of sample b is the top
// 24 bits r of pcg3d(8b + k, step, seed) (common/hash.wgsl); shifts are floor(r·(2s + 1) / 2^24) − s in
// integers (r·17 < 2^29), spreads (2r / 2^24 − 1)·max, the flip r < 2^23, as
// src/engine/reference/augment-batch.ts draws them. Done once a sample rather than once a pixel.
@group(0) @binding(1) var<storage, read_write> draws: array<f32>;

override WG_X: u32 = 64;

fn draw(b: u32, k: u32) -> u32 {
  return pcg3d_x(8u * b + k, params.step, params.seed) >> 8u;
}

fn spread(r: u32, max: f32) -> f32 {
  return (2.0 * f32(r) / 16777216.0 - 1.0) * max;
}

fn whole(r: u32) -> f32 {
  return f32((r * (2u * params.shift + 1u)) >> 24u) - f32(params.shift);
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let b = gid.x;
  if (b >= params.batch) {
    return;
  }
  let dx = whole(draw(b, 0u));
  let dy = whole(draw(b, 1u));
  let turns = spread(draw(b, 2u), params.rotate_turns);
  let zoom = 1.0 + spread(draw(b, 3u), params.scale);
  let mirror = select(1.0, -1.0, params.flip != 0u && draw(b, 4u) < 8388608u);
  // sin(2πt) = cos(2π(t − 1/4)); cos_2pi is accurate to float32 where WGSL's cos is not.
  let cos_z = cos_2pi(turns) / zoom;
  let sin_z = cos_2pi(turns - 0.25) / zoom;
  let at = 8u * b;
  draws[at] = mirror * cos_z;
  draws[at + 1u] = mirror * sin_z;
  draws[at + 2u] = -sin_z;
  draws[at + 3u] = cos_z;
  draws[at + 4u] = f32(params.w - 1u) * 0.5 + dx;
  draws[at + 5u] = f32(params.h - 1u) * 0.5 + dy;
  draws[at + 6u] = spread(draw(b, 5u), params.brightness);
  draws[at + 7u] = 1.0 + spread(draw(b, 6u), params.contrast);
}
