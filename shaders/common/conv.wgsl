// Geometry of a conv2d (x [n,cin,h,w] * weight [cout,cin,kh,kw] -> y [n,cout,oh,ow]) shared by every conv
// kernel; a transposed conv binds the conv2d it is the adjoint of. splits/chunk drive split-K passes.
// A grouped conv is bound as a batch of one-group images: in NCHW each group's channel block is contiguous,
// so x [N, G*cin, h, w] is x [N*G, cin, h, w] and y likewise; n = N*G, cin and cout count one group's
// channels, and image b uses the weight block (and bias entries) of group b % groups.
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
  groups: u32,
}

// Offset of image b's group's block in weight [groups*cout, cin, kh, kw].
fn group_weight_base(b: u32) -> u32 {
  return (b % params.groups) * params.cout * params.cin * params.kh * params.kw;
}

// Layer-wide index of channel c of image b's group, `per_group` channels a group (bias entries).
fn group_channel(b: u32, c: u32, per_group: u32) -> u32 {
  return (b % params.groups) * per_group + c;
}

fn in_range(i: i32, len: u32) -> bool {
  return i >= 0 && i < i32(len);
}

// Index clamped into [0, len) so a masked-off lane still reads valid memory.
fn clamp_index(i: i32, len: u32) -> u32 {
  return u32(clamp(i, 0, i32(len) - 1));
}
