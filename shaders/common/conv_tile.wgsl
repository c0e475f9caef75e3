// The register tile of the direct, quad and depthwise conv kernels: for up to 8 channels c, a{c}l and a{c}h
// accumulate columns 0..3 and 4..7 of c's block (output columns, or kx for the weight gradient; the depthwise
// forward's a0..a3 are 4 output rows of one channel). A 5-wide block accumulates its column 4 in col4
// (channels 0..3) and col4b (4..7), one lane per channel: a whole-vector update, where one component at a time
// costs SwiftShader a read-modify-write each (measured 1.28x on LeNet conv2). The window holds the x values
// under the block: lo (columns 0..3), h (column 4) and hi (4..7, 8-wide blocks only), slid one column right
// per step (stride and dilation 1 along x). Private, so every invocation starts from zeros; helpers inline, so
// this compiles to the registers of one function. The including kernel declares x.
var<private> a0l: vec4<f32>;
var<private> a0h: vec4<f32>;
var<private> a1l: vec4<f32>;
var<private> a1h: vec4<f32>;
var<private> a2l: vec4<f32>;
var<private> a2h: vec4<f32>;
var<private> a3l: vec4<f32>;
var<private> a3h: vec4<f32>;
var<private> a4l: vec4<f32>;
var<private> a4h: vec4<f32>;
var<private> a5l: vec4<f32>;
var<private> a5h: vec4<f32>;
var<private> a6l: vec4<f32>;
var<private> a6h: vec4<f32>;
var<private> a7l: vec4<f32>;
var<private> a7h: vec4<f32>;
var<private> col4: vec4<f32>;
var<private> col4b: vec4<f32>;
var<private> lo: vec4<f32>;
var<private> h: f32;
var<private> hi: vec4<f32>;

// x at column ix of the input row starting at `row`; zero outside the row, or where the row itself lies
// outside the input (row_ok false), so a lane that must stay active reads zeros instead of skipping.
fn load_x(row: u32, ix: i32, row_ok: bool) -> f32 {
  return select(0.0, x[row + clamp_index(ix, params.w)], row_ok && in_range(ix, params.w));
}

// Loads the window at column ix0: lo and h, and hi when the block is 8 wide.
fn open_window(row: u32, ix0: i32, row_ok: bool, wide: bool) {
  lo = vec4<f32>(
    load_x(row, ix0, row_ok), load_x(row, ix0 + 1, row_ok), load_x(row, ix0 + 2, row_ok), load_x(row, ix0 + 3, row_ok));
  h = load_x(row, ix0 + 4, row_ok);
  hi = vec4<f32>(0.0);
  if (wide) {
    hi = vec4<f32>(h, load_x(row, ix0 + 5, row_ok), load_x(row, ix0 + 6, row_ok), load_x(row, ix0 + 7, row_ok));
  }
}

// Adds the window times v, one value per channel 0..3 (a weight or a dy), to those channels' blocks;
// channel 3 only where the tile has 4 channels.
fn accumulate_low(v: vec4<f32>, four: bool, wide: bool) {
  a0l += lo * v.x;
  a1l += lo * v.y;
  a2l += lo * v.z;
  if (four) {
    a3l += lo * v.w;
  }
  if (wide) {
    a0h += hi * v.x;
    a1h += hi * v.y;
    a2h += hi * v.z;
    if (four) {
      a3h += hi * v.w;
    }
  } else {
    col4 += h * v;
  }
}

// accumulate_low for channels 4..7.
fn accumulate_high(v: vec4<f32>, wide: bool) {
  a4l += lo * v.x;
  a5l += lo * v.y;
  a6l += lo * v.z;
  a7l += lo * v.w;
  if (wide) {
    a4h += hi * v.x;
    a5h += hi * v.y;
    a6h += hi * v.z;
    a7h += hi * v.w;
  } else {
    col4b += h * v;
  }
}

// Slides the window one column right, to x at ix0 + step + 1 onwards.
fn slide(row: u32, ix0: i32, step: u32, row_ok: bool, wide: bool) {
  if (wide) {
    lo = vec4<f32>(lo.yzw, hi.x);
    hi = vec4<f32>(hi.yzw, load_x(row, ix0 + i32(step) + 8, row_ok));
  } else {
    lo = vec4<f32>(lo.yzw, h);
    h = load_x(row, ix0 + i32(step) + 5, row_ok);
  }
}

// A 5-wide block's column 4 into the first lane of each channel's a{c}h.
fn fold_col4() {
  a0h.x = col4.x;
  a1h.x = col4.y;
  a2h.x = col4.z;
  a3h.x = col4.w;
  a4h.x = col4b.x;
  a5h.x = col4b.y;
  a6h.x = col4b.z;
  a7h.x = col4b.w;
}
