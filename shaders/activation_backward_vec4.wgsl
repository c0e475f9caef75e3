// common: index flat activation
// dx = dy * f'(.) elementwise (override ACT; `saved` as in common/activation.wgsl's act_grad) where the
// size is a multiple of 4: one vec4 per thread, as in activation_forward_vec4. params.n counts vec4s.
@group(0) @binding(1) var<storage, read> saved: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> dy: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> dx: array<vec4<f32>>;

fn threads() -> u32 {
  return params.n;
}

fn run(i: u32) {
  dx[i] = act_grad(saved[i], dy[i]);
}
