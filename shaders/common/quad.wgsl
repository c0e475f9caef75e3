// The four values loaded by a quad of subgroup lanes (lanes quad_base..quad_base+3): lane j holds element j.
// Kernels that include this enable subgroups.
fn gather_quad(v: f32, quad_base: u32) -> vec4<f32> {
  return vec4<f32>(
    subgroupShuffle(v, quad_base),
    subgroupShuffle(v, quad_base + 1u),
    subgroupShuffle(v, quad_base + 2u),
    subgroupShuffle(v, quad_base + 3u));
}
