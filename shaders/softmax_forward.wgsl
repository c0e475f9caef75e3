// Softmax over dim 1 as a layer: the tensor is [rows, channels, inner] (inner = H*W for images, 1 for
// [B, N]) and each (s, r) is one softmax over `channels` values `inner` apart. One thread per (s, r) on a
// 2-D grid with no division, striding past 65535 workgroups. Stable: the max is subtracted before exp;
// then y = exp(x - max) * (1 / sum), as PyTorch's CPU kernel does.
struct Params {
  rows: u32,
  channels: u32,
  inner: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

override WG_X: u32 = 64;
override WG_Y: u32 = 1;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let stride = params.inner;
  for (var r = gid.y; r < params.rows; r += nwg.y * WG_Y) {
    for (var s = gid.x; s < stride; s += nwg.x * WG_X) {
      let base = r * params.channels * stride + s;
      var mx = x[base];
      for (var c = 1u; c < params.channels; c++) {
        mx = max(mx, x[base + c * stride]);
      }
      var sum = 0.0;
      for (var c = 0u; c < params.channels; c++) {
        sum += exp(x[base + c * stride] - mx);
      }
      let inv_sum = 1.0 / sum;
      for (var c = 0u; c < params.channels; c++) {
        let k = base + c * stride;
        y[k] = exp(x[k] - mx) * inv_sum;
      }
    }
  }
}
