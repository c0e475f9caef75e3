// common: index flat
// Dropout with a counter-based mask, one thread per element: element i is kept when the top 24 bits of
// pcg3d(i, step, seed).x reach `threshold` = round(p * 2^24), and kept values are scaled by 1 / (1 - p).
// The mask is a pure function of (seed, step), so the backward pass runs this same kernel on dy
// (d(x * mask * scale)/dx = mask * scale), and src/engine/reference/dropout.ts draws the same bits on the CPU.
struct Params {
  n: u32,
  seed: u32,
  step: u32,
  threshold: u32,
  scale: f32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

// pcg3d (Jarzynski and Olano, JCGT 2020), x component; u32 arithmetic wraps, as Math.imul does on the CPU.
fn pcg3d_x(index: u32, step: u32, seed: u32) -> u32 {
  var v = vec3<u32>(index, step, seed) * 1664525u + 1013904223u;
  v.x += v.y * v.z;
  v.y += v.z * v.x;
  v.z += v.x * v.y;
  v ^= v >> vec3<u32>(16u);
  return v.x + v.y * v.z;
}

fn threads() -> u32 {
  return params.n;
}

fn run(i: u32) {
  let keep = (pcg3d_x(i, params.step, params.seed) >> 8u) >= params.threshold;
  y[i] = select(0.0, x[i] * params.scale, keep);
}
