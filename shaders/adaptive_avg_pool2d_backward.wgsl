// common: plane_grid
// AdaptiveAvgPool2d backward as a gather, one thread per input pixel of a plane, striding over the planes:
// dx[i] sums dy / bin height / bin width over the outputs whose bins hold i (their spans, from the
// planner), in output scan order as PyTorch's scatter adds them. Bins rarely overlap, so most inputs read
// one dy: global pooling's backward is a broadcast. No atomics; dx is overwritten.
@group(0) @binding(1) var<storage, read> dy: array<f32>;
// Rows' bins (oh of them), then columns' (ow): [start, end) each.
@group(0) @binding(2) var<storage, read> bins: array<vec2<u32>>;
// Rows' spans (h of them), then columns' (w): the outputs [lo, hi) whose bins hold the input index.
@group(0) @binding(3) var<storage, read> spans: array<vec2<u32>>;
@group(0) @binding(4) var<storage, read_write> dx: array<f32>;

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
      let rows = bins[oy];
      let kh = f32(rows.y - rows.x);
      let row = p * plane_out + oy * params.ow;
      for (var ox = sx.x; ox < sx.y; ox++) {
        let cols = bins[params.oh + ox];
        acc += dy[row + ox] / kh / f32(cols.y - cols.x);
      }
    }
    dx[(p * params.h + iy) * params.w + ix] = acc;
  }
}
