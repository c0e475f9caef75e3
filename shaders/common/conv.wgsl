// Geometry of a conv2d (x [n,cin,h,w] * weight [cout,cin,kh,kw] -> y [n,cout,oh,ow]) shared by every conv
// kernel; a transposed conv binds the conv2d it is the adjoint of. splits/chunk drive split-K passes.
struct Params {
  n: u32,
  cin: u32,
  h: u32,
  w: u32,
  cout: u32,
  kh: u32,
  kw: u32,
  oh: u32,
  ow: u32,
  sh: u32,
  sw: u32,
  ph: i32,
  pw: i32,
  dh: u32,
  dw: u32,
  splits: u32,
  chunk: u32,
}

fn in_range(i: i32, len: u32) -> bool {
  return i >= 0 && i < i32(len);
}

// Index clamped into [0, len) so a masked-off lane still reads valid memory.
fn clamp_index(i: i32, len: u32) -> u32 {
  return u32(clamp(i, 0, i32(len) - 1));
}
