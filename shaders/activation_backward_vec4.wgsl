// common: index activation
// dx = dy * f'(.) elementwise (override ACT; `saved` as in common/activation.wgsl's act_grad) where the
// size is a multiple of 4: one vec4 per thread, as in activation_forward_vec4. params.n counts vec4s.
@group(0) @binding(1) var<storage, read> saved: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> dy: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> dx: array<vec4<f32>>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.n) {
    return;
  }
  dx[i] = act_grad(saved[i], dy[i]);
}
