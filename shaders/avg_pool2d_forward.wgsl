// common: index flat pool
// avg_pool2d forward, one thread per output element. PyTorch's divisor: the window is clipped to the padded
// input first (so ceil_mode overhang never counts); count_include_pad keeps that size, otherwise the
// divisor is the number of real input elements. The sum is divided, not multiplied by a reciprocal, as in
// PyTorch.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

fn threads() -> u32 {
  return params.total;
}

fn run(o: u32) {
  let win = window_of(o);
  let he = min(win.hs + params.kh, params.h + params.ph);
  let we = min(win.ws + params.kw, params.w + params.pw);
  let y0 = max(win.hs, 0);
  let x0 = max(win.ws, 0);
  let y1 = min(he, params.h);
  let x1 = min(we, params.w);
  var sum = 0.0;
  for (var iy = y0; iy < y1; iy++) {
    for (var ix = x0; ix < x1; ix++) {
      sum += x[win.base + u32(iy * params.w + ix)];
    }
  }
  var divisor = (y1 - y0) * (x1 - x0);
  if (params.count_include_pad != 0u) {
    divisor = (he - win.hs) * (we - win.ws);
  }
  y[o] = sum / f32(divisor);
}
