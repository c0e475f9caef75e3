// The flat pooling kernels (avg and max, forward and backward), one thread per element of `total` (outputs
// forward, inputs backward) on x [n*c planes, h, w] and y [n*c, oh, ow]: window k x, stride s, padding p,
// dilation d (1 for avg pooling); count_include_pad is avg pooling's (0 for max).
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
  dh: i32,
  dw: i32,
  count_include_pad: u32,
}

// Output element o's window: its plane's first input element, and its first row and column (which may lie
// in the padding).
struct Window {
  base: u32,
  hs: i32,
  ws: i32,
}

fn window_of(o: u32) -> Window {
  let ow = u32(params.ow);
  let oh = u32(params.oh);
  let ox = i32(o % ow);
  let oy = i32((o / ow) % oh);
  return Window((o / (ow * oh)) * u32(params.h * params.w), oy * params.sh - params.ph, ox * params.sw - params.pw);
}

// Input element i: its flat position within its plane, its column and row, and its plane's first output.
struct Input {
  within: u32,
  ix: i32,
  iy: i32,
  out_base: u32,
}

fn input_of(i: u32) -> Input {
  let plane_in = u32(params.h * params.w);
  let within = i % plane_in;
  let w = u32(params.w);
  return Input(within, i32(within % w), i32(within / w), (i / plane_in) * u32(params.oh * params.ow));
}

// ceil(a / s) clamped below at 0, for a of either sign and s > 0: the first window that can hold an input.
fn first_window(a: i32, s: i32) -> i32 {
  if (a <= 0) {
    return 0;
  }
  return (a + s - 1) / s;
}
