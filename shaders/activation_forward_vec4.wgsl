// common: index flat activation
// y = f(x) elementwise (override ACT, see common/activation.wgsl) where the size is a multiple of 4: one
// vec4 per thread. On SwiftShader the per-thread cost dominates such a kernel; 4 elements a thread with
// vec4 loads and stores measured faster than one (and than 4 scalars a thread). params.n counts vec4s.
@group(0) @binding(1) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<vec4<f32>>;

fn threads() -> u32 {
  return params.n;
}

fn run(i: u32) {
  y[i] = act(x[i]);
}
