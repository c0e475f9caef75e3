// common: plane_grid
// nn.Upsample forward on NCHW, one thread per output pixel of a plane (x, y) striding over the planes (z).
// The taps come from the planner, computed as PyTorch computes them (ops/upsample-geometry.ts): rows' taps
// first (oh of them), then columns' (ow). Nearest reads x[i0]; bilinear blends the 2 x 2 taps in PyTorch's
// order, l0y (l0x x00 + l1x x01) + l1y (l0x x10 + l1x x11).
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> taps: array<Tap>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

override BILINEAR: bool = false;

@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let ox = gid.x;
  let oy = gid.y;
  if (ox >= params.ow || oy >= params.oh) {
    return;
  }
  let ty = taps[oy];
  let tx = taps[params.oh + ox];
  let plane_in = params.h * params.w;
  let plane_out = params.oh * params.ow;
  for (var p = gid.z; p < params.planes; p += nwg.z * WG_Z) {
    let r0 = p * plane_in + ty.i0 * params.w;
    let o = p * plane_out + oy * params.ow + ox;
    if (BILINEAR) {
      let r1 = p * plane_in + ty.i1 * params.w;
      let top = tx.l0 * x[r0 + tx.i0] + tx.l1 * x[r0 + tx.i1];
      let bottom = tx.l0 * x[r1 + tx.i0] + tx.l1 * x[r1 + tx.i1];
      y[o] = ty.l0 * top + ty.l1 * bottom;
    } else {
      y[o] = x[r0 + tx.i0];
    }
  }
}
