// The sliding x window of common/conv_tile.wgsl shared across a quad's lanes (SHARE_X of the quad conv
// kernels), where the lanes hold consecutive column blocks of one row: all 4 lanes (8-wide blocks) or each
// pair of lanes (5-wide). A lane loads its own block's columns and its share of the kw - 1 <= 4 columns past
// the quad's (or pair's) last block; each slide takes the next column from the next lane's block, or for the
// last lane from those tail columns, through subgroupShuffle. A tap row then costs a lane 9 loads instead of
// 13 (8-wide) or 7 instead of 10 (5-wide). The including kernel declares X_TILE; j is the lane within the quad.
var<private> first: vec4<f32>;
var<private> tail0: f32;
var<private> tail1: f32;

// Loads this lane's block at column ix0 (as open_window) and its tail columns: past the quad's 32 columns
// one for each lane (8-wide), past the pair's 10 columns two for each lane (5-wide).
fn open_shared(row: u32, ix0: i32, row_ok: bool, j: u32) {
  open_window(row, ix0, row_ok, X_TILE == 8u);
  if (X_TILE == 8u) {
    // The quad starts at ix0 - 8j; lane j loads its column 32 + j.
    tail0 = load_x(row, ix0 + 32 - 7 * i32(j), row_ok);
  } else {
    // The pair starts at ix0 - 5(j & 1); lane j & 1 loads its columns 10 + 2(j & 1) and 11 + 2(j & 1).
    let back = 3 * i32(j & 1u);
    tail0 = load_x(row, ix0 + 10 - back, row_ok);
    tail1 = load_x(row, ix0 + 11 - back, row_ok);
  }
  first = lo;
}

// Slides the window one column right after tap kx (as slide): the new column is the next lane's column kx
// (`first` shifts one each slide), or for the last lane tail column kx.
fn slide_shared(kx: u32, quad_base: u32, j: u32) {
  var v: f32;
  if (X_TILE == 8u) {
    let next = subgroupShuffle(first.x, quad_base + ((j + 1u) & 3u));
    let end = subgroupShuffle(tail0, quad_base + min(kx, 3u));
    v = select(next, end, j == 3u);
  } else {
    let pair = quad_base + (j & 2u);
    let next = subgroupShuffle(first.x, pair + 1u);
    let src = pair + min(kx >> 1u, 1u);
    let end = select(subgroupShuffle(tail0, src), subgroupShuffle(tail1, src), (kx & 1u) == 1u);
    v = select(next, end, (j & 1u) == 1u);
  }
  first = vec4<f32>(first.yzw, 0.0);
  if (X_TILE == 8u) {
    lo = vec4<f32>(lo.yzw, hi.x);
    hi = vec4<f32>(hi.yzw, v);
  } else {
    lo = vec4<f32>(lo.yzw, h);
    h = v;
  }
}
