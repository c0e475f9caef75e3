enable subgroups;
// common: index conv conv_forward conv_tile quad conv_pool_quad
// conv2d (unit stride and dilation along x) + bias + ReLU + max_pool2d 2x2 of stride 2 in one pass, where the
// windows tile the conv output exactly (oh, ow even). The conv is conv2d_forward_subgroup's: X_TILE columns
// for 8 output channels a thread, the quad sharing weight loads through subgroupShuffle. Here a quad covers two
// output rows (lanes 0, 1 the upper, 2, 3 the lower) by two column blocks, so each 2x2 window lies within it.
// The conv outputs are exchanged by subgroupShuffle, never stored: the upper lanes pool channels 0..3 of the
// group, the lower ones 4..7 (common/conv_pool_quad.wgsl), writing the pooled y and the argmax.
@group(0) @binding(5) var<storage, read_write> indices: array<u32>;

override RELU: bool = false;
// Columns per thread: 5 or 8 (see conv-passes.ts directColumnTile).
override X_TILE: u32 = 8;

@compute @workgroup_size(WG_X)
fn main(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(subgroup_invocation_id) lane: u32,
) {
  let t = flat_index(gid, nwg);
  let pair_cols = 2u * X_TILE;
  let col_quads = (params.ow + pair_cols - 1u) / pair_cols;
  let co_groups = (params.cout + 7u) / 8u;
  let quads = (params.oh / 2u) * col_quads;
  let q = t / 4u;
  let j = lane & 3u;
  let group = q / quads;
  let valid = group < params.n * co_groups;
  // Lanes past the end compute a clamped quad and store nothing.
  let g = min(group, params.n * co_groups - 1u);
  let qq = q % quads;
  let rp = qq / col_quads;
  let ox0 = (qq % col_quads) * pair_cols + (j & 1u) * X_TILE;
  let oy = 2u * rp + (j >> 1u);
  let co0 = (g % co_groups) * 8u;
  let b = g / co_groups;

  let quad_base = lane & ~3u;
  let wrow = params.cin * params.kh * params.kw;
  let last = params.cout - 1u;
  // This lane loads channel co0 + (lane & 3) of each 4-channel half.
  let wg = group_weight_base(b);
  let wl0 = wg + min(co0 + j, last) * wrow;
  let wl1 = wg + min(co0 + 4u + j, last) * wrow;
  let ix0 = i32(ox0) - params.pw;
  let iy0 = i32(oy * params.sh) - params.ph;
  for (var ci = 0u; ci < params.cin; ci++) {
    let plane = (b * params.cin + ci) * params.h;
    for (var ky = 0u; ky < params.kh; ky++) {
      let iy = iy0 + i32(ky * params.dh);
      let row_ok = in_range(iy, params.h);
      let row = (plane + clamp_index(iy, params.h)) * params.w;
      open_window(row, ix0, row_ok, X_TILE == 8u);
      let k0 = (ci * params.kh + ky) * params.kw;
      for (var kx = 0u; kx < params.kw; kx++) {
        let k = k0 + kx;
        accumulate_low(gather_quad(weight[wl0 + k], quad_base), true, X_TILE == 8u);
        accumulate_high(gather_quad(weight[wl1 + k], quad_base), X_TILE == 8u);
        slide(row, ix0, kx, row_ok, X_TILE == 8u);
      }
    }
  }
  if (X_TILE == 5u) {
    fold_col4();
  }
  pool_quad(lane, valid, b, co0, rp, ox0);
}
