// Softmax (dim 1) backward from the forward output y: dx = y * (dy - sum over channels of dy * y), per
// (s, r) as in softmax_forward, on the same grid. dx is overwritten.
struct Params {
  rows: u32,
  channels: u32,
  inner: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> y: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

override WG_X: u32 = 64;
override WG_Y: u32 = 1;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let stride = params.inner;
  for (var r = gid.y; r < params.rows; r += nwg.y * WG_Y) {
    for (var s = gid.x; s < stride; s += nwg.x * WG_X) {
      let base = r * params.channels * stride + s;
      var dot = 0.0;
      for (var c = 0u; c < params.channels; c++) {
        let k = base + c * stride;
        dot += dy[k] * y[k];
      }
      for (var c = 0u; c < params.channels; c++) {
        let k = base + c * stride;
        dx[k] = y[k] * (dy[k] - dot);
      }
    }
  }
}
