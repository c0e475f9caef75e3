enable subgroups;
// common: index conv conv_weight_grad_store quad
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

fn load_x(row: u32, ix: i32, row_ok: bool) -> f32 {
  return select(0.0, x[row + clamp_index(ix, params.w)], row_ok && in_range(ix, params.w));
}

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
  var a0l = vec4<f32>(0.0);
  var a0h = vec4<f32>(0.0);
  var a1l = vec4<f32>(0.0);
  var a1h = vec4<f32>(0.0);
  var a2l = vec4<f32>(0.0);
  var a2h = vec4<f32>(0.0);
  var a3l = vec4<f32>(0.0);
  var a3h = vec4<f32>(0.0);
  var a4l = vec4<f32>(0.0);
  var a4h = vec4<f32>(0.0);
  var a5l = vec4<f32>(0.0);
  var a5h = vec4<f32>(0.0);
  var a6l = vec4<f32>(0.0);
  var a6h = vec4<f32>(0.0);
  var a7l = vec4<f32>(0.0);
  var a7h = vec4<f32>(0.0);
  // KX_TILE 5: kx 4 of the block, one lane per channel of each half.
  var col4 = vec4<f32>(0.0);
  var col4b = vec4<f32>(0.0);
  let rows_end = min((s + 1u) * params.chunk, (params.n / params.groups) * params.oh);
  for (var r = s * params.chunk; r < rows_end; r++) {
    let b = (r / params.oh) * params.groups + grp;
    let oy = r % params.oh;
    let iy = i32(oy * params.sh + ky * params.dh) - params.ph;
    let row_ok = in_range(iy, params.h);
    let row = ((b * params.cin + ci) * params.h + clamp_index(iy, params.h)) * params.w;
    let dyrow = b * params.cout * plane + oy * params.ow;
    var lo = vec4<f32>(
      load_x(row, ix0, row_ok), load_x(row, ix0 + 1, row_ok), load_x(row, ix0 + 2, row_ok), load_x(row, ix0 + 3, row_ok));
    // With KX_TILE 5 the window's fifth column is the scalar h and hi stays unused.
    var h = load_x(row, ix0 + 4, row_ok);
    var hi = vec4<f32>(0.0);
    if (KX_TILE == 8u) {
      hi = vec4<f32>(
        h, load_x(row, ix0 + 5, row_ok), load_x(row, ix0 + 6, row_ok), load_x(row, ix0 + 7, row_ok));
    }
    for (var ox = 0u; ox < params.ow; ox++) {
      let o = dyrow + ox;
      let gv = gather_quad(dy[o + dl0], quad_base);
      let gu = gather_quad(dy[o + dl1], quad_base);
      a0l += lo * gv.x;
      a1l += lo * gv.y;
      a2l += lo * gv.z;
      a3l += lo * gv.w;
      a4l += lo * gu.x;
      a5l += lo * gu.y;
      a6l += lo * gu.z;
      a7l += lo * gu.w;
      if (KX_TILE == 8u) {
        a0h += hi * gv.x;
        a1h += hi * gv.y;
        a2h += hi * gv.z;
        a3h += hi * gv.w;
        a4h += hi * gu.x;
        a5h += hi * gu.y;
        a6h += hi * gu.z;
        a7h += hi * gu.w;
        lo = vec4<f32>(lo.yzw, hi.x);
        hi = vec4<f32>(hi.yzw, load_x(row, ix0 + i32(ox) + 8, row_ok));
      } else {
        // kx 4 as one vector update per 4 channels (single-component updates cost a read-modify-write).
        col4 += h * gv;
        col4b += h * gu;
        lo = vec4<f32>(lo.yzw, h);
        h = load_x(row, ix0 + i32(ox) + 5, row_ok);
      }
    }
  }
  if (!valid) {
    return;
  }
  if (KX_TILE == 5u) {
    a0h.x = col4.x;
    a1h.x = col4.y;
    a2h.x = col4.z;
    a3h.x = col4.w;
    a4h.x = col4b.x;
    a5h.x = col4b.y;
    a6h.x = col4b.z;
    a7h.x = col4b.w;
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
