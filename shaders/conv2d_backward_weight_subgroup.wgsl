enable subgroups;
// common: index conv conv_tile conv_weight_grad_store quad
// The row loop's bounds come from the thread's split, which the analysis cannot see is the same across
// a quad (the planner pads tiles to whole quads), so shuffles there would be refused without this.
diagnostic(off, subgroup_uniformity);
// Split-K weight gradient for stride 1 and dilation 1 along x, first pass, sharing dy loads across each
// quad of lanes: partial[s, co, (ci*kh + ky)*kw + kx] = sum over the s-th chunk of (n, oy) rows and all ox
// of dy[n,co,oy,ox] * x[n,ci,oy*sh-ph+ky*dh, ox-pw+kx]. Each thread owns 8 co x KX_TILE kx of one (ci, ky)
// and slides a window along the x row, as conv2d_backward_weight_direct does. The four lanes of a quad
// (threads 4m..4m+3, lanes 4i..4i+3 of one subgroup where gpu/subgroups.ts found that layout) share the
// split and channels, so they need the same dy values: each loads one channel's and the quad exchanges
// them with subgroupShuffle, 3 loads per ox instead of 9. Rows outside the input read zeros instead of
// being skipped, so every lane stays active for the shuffles. reduce_rows sums the partials.
// Grouped: a thread's rows are the images b*groups + grp of its group grp (see common/conv.wgsl).
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial: array<f32>;

// kx per thread: 8, or 5 (kw 3..5 without 3 idle kx lanes).
override KX_TILE: u32 = 8;

@compute @workgroup_size(WG_X)
fn main(
  @builtin(global_invocation_id) gid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
  @builtin(subgroup_invocation_id) lane: u32,
) {
  let t = flat_index(gid, nwg);
  let kx_blocks = (params.kw + KX_TILE - 1u) / KX_TILE;
  let tiles = params.cin * params.kh * kx_blocks;
  let co_groups = (params.cout + 7u) / 8u;
  // Tiles per (split, 8-channel group), padded to whole quads so a quad never spans two groups.
  let padded = (tiles + 3u) & ~3u;
  let pos = t % padded;
  let group = t / padded;
  let valid = pos < tiles && group < params.splits * params.groups * co_groups;
  // Lanes past the end compute a clamped tile and store nothing.
  let p = min(pos, tiles - 1u);
  let g = min(group, params.splits * params.groups * co_groups - 1u);
  let kx0 = (p % kx_blocks) * KX_TILE;
  let tap_row = p / kx_blocks;
  let co0 = (g % co_groups) * 8u;
  let split_group = g / co_groups;
  let grp = split_group % params.groups;
  let s = split_group / params.groups;
  let ci = tap_row / params.kh;
  let ky = tap_row % params.kh;

  let quad_base = lane & ~3u;
  let last = params.cout - 1u;
  let plane = params.oh * params.ow;
  // This lane loads dy of channel co0 + (lane & 3) of each 4-channel half.
  let dl0 = min(co0 + (lane & 3u), last) * plane;
  let dl1 = min(co0 + 4u + (lane & 3u), last) * plane;
  let ix0 = i32(kx0) - params.pw;
  let rows_end = min((s + 1u) * params.chunk, (params.n / params.groups) * params.oh);
  for (var r = s * params.chunk; r < rows_end; r++) {
    let b = (r / params.oh) * params.groups + grp;
    let oy = r % params.oh;
    let iy = i32(oy * params.sh + ky * params.dh) - params.ph;
    let row_ok = in_range(iy, params.h);
    let row = ((b * params.cin + ci) * params.h + clamp_index(iy, params.h)) * params.w;
    let dyrow = b * params.cout * plane + oy * params.ow;
    open_window(row, ix0, row_ok, KX_TILE == 8u);
    for (var ox = 0u; ox < params.ow; ox++) {
      let o = dyrow + ox;
      let gv = gather_quad(dy[o + dl0], quad_base);
      let gu = gather_quad(dy[o + dl1], quad_base);
      accumulate_low(gv, true, KX_TILE == 8u);
      accumulate_high(gu, KX_TILE == 8u);
      slide(row, ix0, ox, row_ok, KX_TILE == 8u);
    }
  }
  if (!valid) {
    return;
  }
  if (KX_TILE == 5u) {
    fold_col4();
  }
  let base = split_group * params.cout * params.cin * params.kh * params.kw + tap_row * params.kw;
  store(base, co0, kx0, a0l, a0h);
  store(base, co0 + 1u, kx0, a1l, a1h);
  store(base, co0 + 2u, kx0, a2l, a2h);
  store(base, co0 + 3u, kx0, a3l, a3h);
  store(base, co0 + 4u, kx0, a4l, a4h);
  store(base, co0 + 5u, kx0, a5l, a5h);
  store(base, co0 + 6u, kx0, a6l, a6h);
  store(base, co0 + 7u, kx0, a7l, a7h);
}
