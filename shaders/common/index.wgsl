// Flat thread index for dispatches laid out as (x, y) workgroups, so a 1-D problem larger than
// 65535 workgroups still fits: i = (gid.y * nwg.x * wg) + gid.x.
fn flat_index(gid: vec3<u32>, nwg: vec3<u32>, wg: u32) -> u32 {
  return gid.y * nwg.x * wg + gid.x;
}
