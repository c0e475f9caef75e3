// common: index flat activation
// dx = dy * f'(.) elementwise (override ACT; `saved` as in common/activation.wgsl's act_grad), one element
// per thread: the kernel for sizes that are not a multiple of 4 (activation_backward_vec4 takes the rest).
@group(0) @binding(1) var<storage, read> saved: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

fn threads() -> u32 {
  return params.n;
}

fn run(i: u32) {
  dx[i] = act_grad(vec4<f32>(saved[i]), vec4<f32>(dy[i])).x;
}
