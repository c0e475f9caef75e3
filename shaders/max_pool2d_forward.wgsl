// common: index flat pool
// max_pool2d forward, one thread per output element. Saves the argmax as a flat index iy * W + ix into the
// input plane. PyTorch's rule: a later tap wins only if strictly greater, so the first maximum in scan order
// wins ties; a NaN always takes over, so the last NaN wins. The first in-bounds tap seeds the max (the same
// as PyTorch's -inf start, and no infinity literal is needed).
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> indices: array<u32>;

// Bit test, because compilers may fold v != v away under fast-math assumptions.
fn is_nan(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u;
}

// First tap at or after 0 of a window starting at `start` with taps every `d`.
fn first_tap(start: i32, d: i32) -> i32 {
  if (start >= 0) {
    return start;
  }
  return start + ((d - 1 - start) / d) * d;
}

fn threads() -> u32 {
  return params.total;
}

fn run(o: u32) {
  let win = window_of(o);
  let y0 = first_tap(win.hs, params.dh);
  let x0 = first_tap(win.ws, params.dw);
  let y1 = min(win.hs + (params.kh - 1) * params.dh + 1, params.h);
  let x1 = min(win.ws + (params.kw - 1) * params.dw + 1, params.w);
  var arg = y0 * params.w + x0;
  var best = x[win.base + u32(arg)];
  for (var iy = y0; iy < y1; iy += params.dh) {
    for (var ix = x0; ix < x1; ix += params.dw) {
      let i = iy * params.w + ix;
      let v = x[win.base + u32(i)];
      if (is_nan(v) || (!is_nan(best) && v > best)) {
        best = v;
        arg = i;
      }
    }
  }
  y[o] = best;
  indices[o] = u32(arg);
}
