// common: index conv conv_tile conv_weight_grad_store
// Split-K weight gradient for stride 1 and dilation 1 along x, first pass:
// partial[s, co, (ci*kh + ky)*kw + kx] = sum over the s-th chunk of (n, oy) rows and all ox of
// dy[n,co,oy,ox] * x[n,ci,oy*sh-ph+ky*dh, ox-pw+kx]. Each thread owns TILE_C co x KX_TILE kx of one
// (ci, ky) and slides a KX_TILE-wide register window along the x row: one x load and TILE_C dy loads per
// ox feed TILE_C * KX_TILE FMAs. KX_TILE is 8, or 5 (kw 3..5 without 3 idle kx lanes); TILE_C 4, or 3.
// Kernels wider than KX_TILE take several kx blocks. reduce_rows sums the partials in a fixed order.
// Grouped: a thread's rows are the images b*groups + grp of its group grp (see common/conv.wgsl).
// Bias folded in (BIAS_ROW >= 0): kx block 0 of tap row BIAS_ROW (ci 0, a ky for which no row is skipped)
// also sums the dy values it loads, giving the bias partials without another pass over dy.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial: array<f32>;

override KX_TILE: u32 = 8;
override TILE_C: u32 = 4;
override BIAS_ROW: i32 = -1;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let kx_blocks = (params.kw + KX_TILE - 1u) / KX_TILE;
  let rows = params.cin * params.kh;
  let co_blocks = (params.cout + TILE_C - 1u) / TILE_C;
  if (t >= params.splits * params.groups * co_blocks * rows * kx_blocks) {
    return;
  }
  let kx0 = (t % kx_blocks) * KX_TILE;
  let tap_row = (t / kx_blocks) % rows;
  let co0 = ((t / kx_blocks / rows) % co_blocks) * TILE_C;
  let split_group = t / kx_blocks / rows / co_blocks;
  let grp = split_group % params.groups;
  let s = split_group / params.groups;
  let ci = tap_row / params.kh;
  let ky = tap_row % params.kh;

  let last = params.cout - 1u;
  let plane = params.oh * params.ow;
  let d0 = min(co0, last) * plane;
  let d1 = min(co0 + 1u, last) * plane;
  let d2 = min(co0 + 2u, last) * plane;
  let d3 = min(co0 + 3u, last) * plane;
  let ix0 = i32(kx0) - params.pw;
  let sums_bias = i32(tap_row) == BIAS_ROW && kx0 == 0u;
  var bias = vec4<f32>();
  let rows_end = min((s + 1u) * params.chunk, (params.n / params.groups) * params.oh);
  for (var r = s * params.chunk; r < rows_end; r++) {
    let b = (r / params.oh) * params.groups + grp;
    let oy = r % params.oh;
    let iy = i32(oy * params.sh + ky * params.dh) - params.ph;
    if (!in_range(iy, params.h)) {
      continue;
    }
    let row = ((b * params.cin + ci) * params.h + u32(iy)) * params.w;
    let dyrow = b * params.cout * plane + oy * params.ow;
    // The window of x at ix0 + ox + 0..7 for the 8 kx of this block (0..4 when KX_TILE is 5).
    open_window(row, ix0, true, KX_TILE == 8u);
    for (var ox = 0u; ox < params.ow; ox++) {
      let o = dyrow + ox;
      let d = vec4<f32>(dy[o + d0], dy[o + d1], dy[o + d2], dy[o + d3]);
      accumulate_low(d, TILE_C == 4u, KX_TILE == 8u);
      if (sums_bias) {
        bias += d;
      }
      slide(row, ix0, ox, true, KX_TILE == 8u);
    }
  }
  let base = split_group * params.cout * params.cin * params.kh * params.kw + tap_row * params.kw;
  if (KX_TILE == 5u) {
    fold_col4();
  }
  store(base, co0, kx0, a0l, a0h);
  store(base, co0 + 1u, kx0, a1l, a1h);
  store(base, co0 + 2u, kx0, a2l, a2h);
  if (TILE_C == 4u) {
    store(base, co0 + 3u, kx0, a3l, a3h);
  }
  if (sums_bias) {
    for (var j = 0u; j < TILE_C; j++) {
      store_bias(split_group, co0 + j, bias[j]);
    }
  }
}
