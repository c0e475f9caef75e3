enable subgroups;
// common: index conv conv_forward conv_tile conv_row_store quad
// Direct conv2d (unit stride and dilation along x) sharing weight loads across each quad of lanes:
// y[n,co,oy,ox] = act(bias[co] + sum_{ci,ky,kx} x[n,ci,oy*sh-ph+ky*dh, ox-pw+kx] * weight[co,ci,ky,kx]).
// Each thread computes X_TILE consecutive columns for 8 output channels with a sliding x window, as
// conv2d_forward_direct does. The four lanes of a quad (threads 4m..4m+3, lanes 4i..4i+3 of one subgroup
// where gpu/subgroups.ts found that layout) share the image and channels: each loads one channel's weight
// per tap and the quad exchanges them with subgroupShuffle. On SwiftShader a load costs about a dozen
// multiply-adds and a shuffle next to nothing, so a tap costs 3 loads instead of 9. No lane returns early
// or skips a row alone, so every shuffle reads an active lane.

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
  let ox_blocks = (params.ow + X_TILE - 1u) / X_TILE;
  let co_groups = (params.cout + 7u) / 8u;
  // Positions per (image, channel group), padded to whole quads so a quad never spans two groups.
  let positions = params.oh * ox_blocks;
  let padded = (positions + 3u) & ~3u;
  let pos = t % padded;
  let group = t / padded;
  let valid = pos < positions && group < params.n * co_groups;
  // Lanes past the end compute a clamped block and store nothing.
  let p = min(pos, positions - 1u);
  let ox0 = (p % ox_blocks) * X_TILE;
  let oy = p / ox_blocks;
  let g = min(group, params.n * co_groups - 1u);
  let co0 = (g % co_groups) * 8u;
  let b = g / co_groups;

  let quad_base = lane & ~3u;
  let wrow = params.cin * params.kh * params.kw;
  let last = params.cout - 1u;
  // This lane loads channel co0 + (lane & 3) of each 4-channel half.
  let wg = group_weight_base(b);
  let wl0 = wg + min(co0 + (lane & 3u), last) * wrow;
  let wl1 = wg + min(co0 + 4u + (lane & 3u), last) * wrow;
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
  if (!valid) {
    return;
  }
  if (X_TILE == 5u) {
    fold_col4();
  }
  store(b, co0, oy, ox0, a0l, a0h);
  store(b, co0 + 1u, oy, ox0, a1l, a1h);
  store(b, co0 + 2u, oy, ox0, a2l, a2h);
  store(b, co0 + 3u, oy, ox0, a3l, a3h);
  store(b, co0 + 4u, oy, ox0, a4l, a4h);
  store(b, co0 + 5u, oy, ox0, a5l, a5h);
  store(b, co0 + 6u, oy, ox0, a6l, a6h);
  store(b, co0 + 7u, oy, ox0, a7l, a7h);
}
