// common: pool_windows
// max_pool2d backward when the windows tile the input exactly (LeNet's 2x2 pools): every input element
// lies in exactly one window, so a thread writes whole windows (dy at the saved argmax, 0 elsewhere), 4
// windows of one output row on the division-free grid of common/pool_windows.wgsl; a 2x2 window is
// unrolled by hand. RELU_MASK also applies the backward of a ReLU before the pool: its gradient passes
// where its output, here the pooled max y, is > 0.
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> indices: array<u32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;
@group(0) @binding(4) var<storage, read> y: array<f32>;

override WG_X: u32 = 1;
override WG_Y: u32 = 1;
override WG_Z: u32 = 64;
override RELU_MASK: bool = false;

fn one_window(base: u32, first: u32, o: u32) {
  let argmax = indices[o];
  var g = dy[o];
  if (RELU_MASK) {
    g = select(0.0, g, y[o] > 0.0);
  }
  if (KH == 2u && KW == 2u) {
    let t2 = first + params.w;
    dx[base + first] = select(0.0, g, first == argmax);
    dx[base + first + 1u] = select(0.0, g, first + 1u == argmax);
    dx[base + t2] = select(0.0, g, t2 == argmax);
    dx[base + t2 + 1u] = select(0.0, g, t2 + 1u == argmax);
  } else {
    for (var ky = 0u; ky < KH; ky++) {
      let row = first + ky * params.w;
      for (var kx = 0u; kx < KW; kx++) {
        dx[base + row + kx] = select(0.0, g, row + kx == argmax);
      }
    }
  }
}

@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  each_window(gid);
}
