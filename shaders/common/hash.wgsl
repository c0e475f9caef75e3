// pcg3d (Jarzynski and Olano, "Hash Functions for GPU Rendering", JCGT 2020), x component: a well-mixed
// hash of three u32 counters; u32 arithmetic wraps, as Math.imul does in src/engine/reference/dropout.ts.
fn pcg3d_x(index: u32, step: u32, seed: u32) -> u32 {
  var v = vec3<u32>(index, step, seed) * 1664525u + 1013904223u;
  v.x += v.y * v.z;
  v.y += v.z * v.x;
  v.z += v.x * v.y;
  v ^= v >> vec3<u32>(16u);
  return v.x + v.y * v.z;
}

// cos(2πt) to float32 rounding: WGSL's cos only promises 2^-11 absolute error, which SwiftShader uses.
// Reduced to an angle a in [0, π/2] (cos is even and cos(π − a) = −cos a), then Taylor to a^14 (error
// below 1e-8 there), evaluated by Horner.
fn cos_2pi(t: f32) -> f32 {
  var r = abs(t - round(t));
  var sign = 1.0;
  if (r > 0.25) {
    r = 0.5 - r;
    sign = -1.0;
  }
  let a = 6.2831853071795864 * r;
  let a2 = a * a;
  var p = -1.0 / 87178291200.0;
  p = p * a2 + 1.0 / 479001600.0;
  p = p * a2 - 1.0 / 3628800.0;
  p = p * a2 + 1.0 / 40320.0;
  p = p * a2 - 1.0 / 720.0;
  p = p * a2 + 1.0 / 24.0;
  p = p * a2 - 0.5;
  p = p * a2 + 1.0;
  return sign * p;
}

// Standard normal noise of element i at (step, seed): Box-Muller on the top 24 bits of the hashes of 2i
// and 2i + 1, u1 in (0, 1] so the logarithm stays finite (reparameterizeNoise on the CPU).
fn normal_noise(i: u32, step: u32, seed: u32) -> f32 {
  let u1 = (f32(pcg3d_x(2u * i, step, seed) >> 8u) + 1.0) / 16777216.0;
  let u2 = f32(pcg3d_x(2u * i + 1u, step, seed) >> 8u) / 16777216.0;
  return sqrt(-2.0 * log(u1)) * cos_2pi(u2);
}
