// The 2x2 max-pool epilogue of conv2d_forward_pool_subgroup, run once a quad (two output rows by two column
// blocks) holds its conv outputs in the registers of common/conv_tile.wgsl. The upper lanes pool channels 0..3
// of the group and the lower ones 4..7: each lane trades the other half of its row with its partner (lane ^ 2),
// then pools the windows of its columns as vectors over its 4 channels, writing each window's max to y
// [n, cout, oh/2, ow/2] and its argmax (iy * ow + ix within the conv output's plane, as
// max_pool2d_forward_windows writes it) to indices. PyTorch's rule: a later tap wins only if strictly greater
// or NaN. The including kernel declares indices, RELU and X_TILE.
struct Row {
  lo: vec4<f32>,
  hi: vec4<f32>,
}

struct Rows {
  top: Row,
  bottom: Row,
}

struct Pooled {
  best: vec4<f32>,
  arg: vec4<u32>,
}

// One channel's block after bias and ReLU; a channel past cout reads a valid bias and is never stored.
fn activated(b: u32, co: u32, lo: vec4<f32>, hi: vec4<f32>) -> Row {
  var r = Row(lo, hi);
  if (HAS_BIAS) {
    let bv = bias[group_channel(b, min(co, params.cout - 1u), params.cout)];
    r.lo += bv;
    r.hi += bv;
  }
  if (RELU) {
    r.lo = max(r.lo, vec4<f32>(0.0));
    r.hi = max(r.hi, vec4<f32>(0.0));
  }
  return r;
}

// The kept channel's block in both rows of the quad, from this row's blocks of channels c (low) and c + 4
// (high): an upper lane keeps c and sends c + 4 to its partner, a lower one keeps c + 4 and sends c.
fn both_rows(low: Row, high: Row, upper: bool, partner: u32) -> Rows {
  let got = Row(
    subgroupShuffle(select(low.lo, high.lo, upper), partner),
    subgroupShuffle(select(low.hi, high.hi, upper), partner));
  let mine = Row(select(high.lo, low.lo, upper), select(high.hi, low.hi, upper));
  return Rows(
    Row(select(got.lo, mine.lo, upper), select(got.hi, mine.hi, upper)),
    Row(select(mine.lo, got.lo, upper), select(mine.hi, got.hi, upper)));
}

// Bit test, because compilers may fold v != v away under fast-math assumptions.
fn is_nan4(v: vec4<f32>) -> vec4<bool> {
  return (bitcast<vec4<u32>>(v) & vec4<u32>(0x7fffffffu)) > vec4<u32>(0x7f800000u);
}

// The window whose upper-left tap is element i0 of the plane; each argument holds the 4 kept channels.
fn pool_window(tl: vec4<f32>, tr: vec4<f32>, bl: vec4<f32>, br: vec4<f32>, i0: u32) -> Pooled {
  var best = tl;
  var arg = vec4<u32>(i0);
  var m = (tr > best) | is_nan4(tr);
  best = select(best, tr, m);
  arg = select(arg, vec4<u32>(i0 + 1u), m);
  let i2 = i0 + params.ow;
  m = (bl > best) | is_nan4(bl);
  best = select(best, bl, m);
  arg = select(arg, vec4<u32>(i2), m);
  m = (br > best) | is_nan4(br);
  best = select(best, br, m);
  arg = select(arg, vec4<u32>(i2 + 1u), m);
  return Pooled(best, arg);
}

// Stores pooled column pc of pooled row rp for channels c0..c0+3 (those below cout; nothing past ow / 2).
fn store_pooled(b: u32, c0: u32, rp: u32, pc: u32, p: Pooled) {
  let pw = params.ow / 2u;
  if (pc >= pw) {
    return;
  }
  let ph = params.oh / 2u;
  for (var s = 0u; s < 4u; s++) {
    let co = c0 + s;
    if (co < params.cout) {
      let o = ((b * params.cout + co) * ph + rp) * pw + pc;
      y[o] = p.best[s];
      indices[o] = p.arg[s];
    }
  }
}

// Pools the quad of pooled row rp; this lane's block starts at column ox0. Every lane shuffles; only valid
// lanes store.
fn pool_quad(lane: u32, valid: bool, b: u32, co0: u32, rp: u32, ox0: u32) {
  let upper = (lane & 2u) == 0u;
  let partner = lane ^ 2u;
  let c0 = both_rows(activated(b, co0, a0l, a0h), activated(b, co0 + 4u, a4l, a4h), upper, partner);
  let c1 = both_rows(activated(b, co0 + 1u, a1l, a1h), activated(b, co0 + 5u, a5l, a5h), upper, partner);
  let c2 = both_rows(activated(b, co0 + 2u, a2l, a2h), activated(b, co0 + 6u, a6l, a6h), upper, partner);
  let c3 = both_rows(activated(b, co0 + 3u, a3l, a3h), activated(b, co0 + 7u, a7l, a7h), upper, partner);
  // Columns as vectors over the 4 kept channels: tl[k] is column k of the upper row's first 4.
  let tl = transpose(mat4x4<f32>(c0.top.lo, c1.top.lo, c2.top.lo, c3.top.lo));
  let th = transpose(mat4x4<f32>(c0.top.hi, c1.top.hi, c2.top.hi, c3.top.hi));
  let bl = transpose(mat4x4<f32>(c0.bottom.lo, c1.bottom.lo, c2.bottom.lo, c3.bottom.lo));
  let bh = transpose(mat4x4<f32>(c0.bottom.hi, c1.bottom.hi, c2.bottom.hi, c3.bottom.hi));
  let kept = co0 + select(4u, 0u, upper);
  let top = 2u * rp * params.ow;
  // 5-wide blocks: the left one pools its columns (0, 1), (2, 3) and (4, the right block's 0), the right one
  // its (1, 2) and (3, 4); column 4 is hi.x (fold_col4).
  var next_top = vec4<f32>(0.0);
  var next_bottom = vec4<f32>(0.0);
  if (X_TILE == 5u) {
    next_top = subgroupShuffle(tl[0], lane ^ 1u);
    next_bottom = subgroupShuffle(bl[0], lane ^ 1u);
  }
  if (!valid) {
    return;
  }
  if (X_TILE == 8u) {
    let pc = ox0 / 2u;
    store_pooled(b, kept, rp, pc, pool_window(tl[0], tl[1], bl[0], bl[1], top + ox0));
    store_pooled(b, kept, rp, pc + 1u, pool_window(tl[2], tl[3], bl[2], bl[3], top + ox0 + 2u));
    store_pooled(b, kept, rp, pc + 2u, pool_window(th[0], th[1], bh[0], bh[1], top + ox0 + 4u));
    store_pooled(b, kept, rp, pc + 3u, pool_window(th[2], th[3], bh[2], bh[3], top + ox0 + 6u));
    return;
  }
  let right = (lane & 1u) == 1u;
  let first = ox0 + select(0u, 1u, right);
  let pc = first / 2u;
  store_pooled(b, kept, rp, pc, pool_window(
    select(tl[0], tl[1], right), select(tl[1], tl[2], right),
    select(bl[0], bl[1], right), select(bl[1], bl[2], right), top + first));
  store_pooled(b, kept, rp, pc + 1u, pool_window(
    select(tl[2], tl[3], right), select(tl[3], th[0], right),
    select(bl[2], bl[3], right), select(bl[3], bh[0], right), top + first + 2u));
  if (!right) {
    store_pooled(b, kept, rp, pc + 2u, pool_window(th[0], next_top, bh[0], next_bottom, top + first + 4u));
  }
}
