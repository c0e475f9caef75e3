// common: index flat pool
// max_pool2d backward as a gather, one thread per input element: dx[i] sums dy over the windows whose saved
// argmax is i. No float atomics, and the sum runs in output scan order, so it is deterministic and equals
// the CPU scatter. Only windows that can hold i are visited: oy in [ceil((iy + ph - (kh-1)dh) / sh),
// floor((iy + ph) / sh)], likewise for ox.
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> indices: array<u32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

fn threads() -> u32 {
  return params.total;
}

fn run(i: u32) {
  let at = input_of(i);
  let oy0 = first_window(at.iy + params.ph - (params.kh - 1) * params.dh, params.sh);
  let oy1 = min((at.iy + params.ph) / params.sh, params.oh - 1);
  let ox0 = first_window(at.ix + params.pw - (params.kw - 1) * params.dw, params.sw);
  let ox1 = min((at.ix + params.pw) / params.sw, params.ow - 1);
  var acc = 0.0;
  for (var oy = oy0; oy <= oy1; oy++) {
    for (var ox = ox0; ox <= ox1; ox++) {
      let o = at.out_base + u32(oy * params.ow + ox);
      if (indices[o] == at.within) {
        acc += dy[o];
      }
    }
  }
  dx[i] = acc;
}
