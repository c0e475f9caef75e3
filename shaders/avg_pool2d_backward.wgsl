// common: index
// avg_pool2d backward as a gather, one thread per input element: dx[i] sums dy / divisor over the windows
// holding i, oy in [ceil((iy + ph - kh + 1) / sh), floor((iy + ph) / sh)] and likewise for ox, in output
// scan order (deterministic, equal to the CPU scatter). Divisors follow avg_pool2d_forward.
struct Params {
  total: u32,
  h: i32,
  w: i32,
  oh: i32,
  ow: i32,
  kh: i32,
  kw: i32,
  sh: i32,
  sw: i32,
  ph: i32,
  pw: i32,
  count_include_pad: u32,
}

@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;

fn first_window(a: i32, s: i32) -> i32 {
  if (a <= 0) {
    return 0;
  }
  return (a + s - 1) / s;
}

// Size of a window along one axis: clipped to the padded input, then to the input unless padding counts.
fn extent(start: i32, k: i32, size: i32, pad: i32) -> i32 {
  let end = min(start + k, size + pad);
  if (params.count_include_pad != 0u) {
    return end - start;
  }
  return min(end, size) - max(start, 0);
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.total) {
    return;
  }
  let plane_in = u32(params.h * params.w);
  let within = i32(i % plane_in);
  let ix = within % params.w;
  let iy = within / params.w;
  let out_base = (i / plane_in) * u32(params.oh * params.ow);
  let oy0 = first_window(iy + params.ph - params.kh + 1, params.sh);
  let oy1 = min((iy + params.ph) / params.sh, params.oh - 1);
  let ox0 = first_window(ix + params.pw - params.kw + 1, params.sw);
  let ox1 = min((ix + params.pw) / params.sw, params.ow - 1);
  var acc = 0.0;
  for (var oy = oy0; oy <= oy1; oy++) {
    let rows = extent(oy * params.sh - params.ph, params.kh, params.h, params.ph);
    for (var ox = ox0; ox <= ox1; ox++) {
      let cols = extent(ox * params.sw - params.pw, params.kw, params.w, params.pw);
      acc += dy[out_base + u32(oy * params.ow + ox)] / f32(rows * cols);
    }
  }
  dx[i] = acc;
}
