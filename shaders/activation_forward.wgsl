// common: index activation
// y = f(x) elementwise (override ACT, see common/activation.wgsl), one element per thread: the kernel for
// sizes that are not a multiple of 4 (activation_forward_vec4 takes the rest).
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.n) {
    return;
  }
  y[i] = act(vec4<f32>(x[i])).x;
}
