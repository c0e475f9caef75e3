// common: index flat activation
// y = f(x) elementwise (override ACT, see common/activation.wgsl), one element per thread: the kernel for
// sizes that are not a multiple of 4 (activation_forward_vec4 takes the rest).
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

fn threads() -> u32 {
  return params.n;
}

fn run(i: u32) {
  y[i] = act(vec4<f32>(x[i])).x;
}
