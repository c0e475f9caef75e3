// Softmax over dim 1 as a layer: the tensor is [rows, channels, inner] (inner = H*W for images, 1 for
// [B, N]) and each (s, r) is one softmax over `channels` values `inner` apart. One thread per (s, r) on a
// 2-D grid with no division, striding past 65535 workgroups; each runs the entry file's run(base) on the
// softmax whose first value is at base.
struct Params {
  rows: u32,
  channels: u32,
  inner: u32,
}

@group(0) @binding(0) var<uniform> params: Params;

override WG_X: u32 = 64;
override WG_Y: u32 = 1;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  for (var r = gid.y; r < params.rows; r += nwg.y * WG_Y) {
    for (var s = gid.x; s < params.inner; s += nwg.x * WG_X) {
      run(r * params.channels * params.inner + s);
    }
  }
}
