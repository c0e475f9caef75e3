// common: index
// avg_pool2d forward, one thread per output element. PyTorch's divisor: the window is clipped to the padded
// input first (so ceil_mode overhang never counts); count_include_pad keeps that size, otherwise the
// divisor is the number of real input elements. The sum is divided, not multiplied by a reciprocal, as in
// PyTorch.
struct Params {
  total: u32,
  h: i32,
  w: i32,
  oh: u32,
  ow: u32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  ph: i32,
  pw: i32,
  count_include_pad: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = flat_index(gid, nwg);
  if (o >= params.total) {
    return;
  }
  let ox = i32(o % params.ow);
  let oy = i32((o / params.ow) % params.oh);
  let base = (o / (params.ow * params.oh)) * u32(params.h * params.w);
  let hs = oy * params.sh - params.ph;
  let ws = ox * params.sw - params.pw;
  let he = min(hs + params.kh, params.h + params.ph);
  let we = min(ws + params.kw, params.w + params.pw);
  let y0 = max(hs, 0);
  let x0 = max(ws, 0);
  let y1 = min(he, params.h);
  let x1 = min(we, params.w);
  var sum = 0.0;
  for (var iy = y0; iy < y1; iy++) {
    for (var ix = x0; ix < x1; ix++) {
      sum += x[base + u32(iy * params.w + ix)];
    }
  }
  var divisor = (y1 - y0) * (x1 - x0);
  if (params.count_include_pad != 0u) {
    divisor = (he - hs) * (we - ws);
  }
  y[o] = sum / f32(divisor);
}
