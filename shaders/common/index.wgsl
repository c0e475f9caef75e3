// The 1-D kernels' layout: their uniforms `params` (a struct Params, declared by the kernel or another
// helper) at binding 0, WG_X threads a workgroup, and a flat thread index for dispatches laid out as (x, y)
// workgroups, so a problem larger than 65535 workgroups still fits: i = (gid.y * nwg.x * WG_X) + gid.x.
@group(0) @binding(0) var<uniform> params: Params;

override WG_X: u32 = 64;

fn flat_index(gid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return gid.y * nwg.x * WG_X + gid.x;
}
