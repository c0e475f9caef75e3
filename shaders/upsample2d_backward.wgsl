// common: plane_grid
// nn.Upsample backward on NCHW as a gather, one thread per input pixel of a plane (x, y) striding over the
// planes (z): dx[i] sums dy over the outputs whose taps include i (the spans from the planner: rows' first,
// h of them, then columns'), each weighted by its taps' weights for i, in output scan order as PyTorch's
// scatter adds them. No atomics, and dx is overwritten. Nearest taps have l0 = 1, l1 = 0: weight 1.
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> taps: array<Tap>;
@group(0) @binding(3) var<storage, read> spans: array<vec2<u32>>;
@group(0) @binding(4) var<storage, read_write> dx: array<f32>;

// The weight of input index i in a tap; both taps count where they coincide at the far edge.
fn weight(t: Tap, i: u32) -> f32 {
  return select(0.0, t.l0, t.i0 == i) + select(0.0, t.l1, t.i1 == i);
}

@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let ix = gid.x;
  let iy = gid.y;
  if (ix >= params.w || iy >= params.h) {
    return;
  }
  let sy = spans[iy];
  let sx = spans[params.h + ix];
  let plane_out = params.oh * params.ow;
  for (var p = gid.z; p < params.planes; p += nwg.z * WG_Z) {
    var acc = 0.0;
    for (var oy = sy.x; oy < sy.y; oy++) {
      let wy = weight(taps[oy], iy);
      let row = p * plane_out + oy * params.ow;
      for (var ox = sx.x; ox < sx.y; ox++) {
        acc += wy * weight(taps[params.oh + ox], ix) * dy[row + ox];
      }
    }
    dx[(p * params.h + iy) * params.w + ix] = acc;
  }
}
