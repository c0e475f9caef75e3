// common: index flat pool
// avg_pool2d backward as a gather, one thread per input element: dx[i] sums dy / divisor over the windows
// holding i, oy in [ceil((iy + ph - kh + 1) / sh), floor((iy + ph) / sh)] and likewise for ox, in output
// scan order (deterministic, equal to the CPU scatter). Divisors follow avg_pool2d_forward.
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> dx: array<f32>;

// Size of a window along one axis: clipped to the padded input, then to the input unless padding counts.
fn extent(start: i32, k: i32, size: i32, pad: i32) -> i32 {
  let end = min(start + k, size + pad);
  if (params.count_include_pad != 0u) {
    return end - start;
  }
  return min(end, size) - max(start, 0);
}

fn threads() -> u32 {
  return params.total;
}

fn run(i: u32) {
  let at = input_of(i);
  let oy0 = first_window(at.iy + params.ph - params.kh + 1, params.sh);
  let oy1 = min((at.iy + params.ph) / params.sh, params.oh - 1);
  let ox0 = first_window(at.ix + params.pw - params.kw + 1, params.sw);
  let ox1 = min((at.ix + params.pw) / params.sw, params.ow - 1);
  var acc = 0.0;
  for (var oy = oy0; oy <= oy1; oy++) {
    let rows = extent(oy * params.sh - params.ph, params.kh, params.h, params.ph);
    for (var ox = ox0; ox <= ox1; ox++) {
      let cols = extent(ox * params.sw - params.pw, params.kw, params.w, params.pw);
      acc += dy[at.out_base + u32(oy * params.ow + ox)] / f32(rows * cols);
    }
  }
  dx[i] = acc;
}
