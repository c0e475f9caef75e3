// Channel concat's copy, either direction: for every batch row r, dst[r * dst_row + dst_offset + k] =
// src[r * src_row + src_offset + k] for k < len, through the entry file's copy(d, s). Forward copies each
// input into its channel range of y (src = x_i), backward copies each range of dy out (dst = dx_i). A 2-D
// grid (k, r) with no division; each axis strides by the whole grid, so any length and batch fit in 65535
// workgroups.
struct Params {
  rows: u32,
  len: u32,
  src_row: u32,
  src_offset: u32,
  dst_row: u32,
  dst_offset: u32,
}

@group(0) @binding(0) var<uniform> params: Params;

override WG_X: u32 = 64;
override WG_Y: u32 = 1;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var r = gid.y; r < params.rows; r += nwg.y * WG_Y) {
    let s = r * params.src_row + params.src_offset;
    let d = r * params.dst_row + params.dst_offset;
    for (var k = gid.x; k < params.len; k += nwg.x * WG_X) {
      copy(d + k, s + k);
    }
  }
}
