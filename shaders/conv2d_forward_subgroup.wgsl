enable subgroups;
// common: index conv conv_row_store quad
// Direct conv2d (unit stride and dilation along x) sharing weight loads across each quad of lanes:
// y[n,co,oy,ox] = act(bias[co] + sum_{ci,ky,kx} x[n,ci,oy*sh-ph+ky*dh, ox-pw+kx] * weight[co,ci,ky,kx]).
// Each thread computes X_TILE consecutive columns for 8 output channels with a sliding x window, as
// conv2d_forward_direct does. The four lanes of a quad (threads 4m..4m+3, lanes 4i..4i+3 of one subgroup
// where gpu/subgroups.ts found that layout) share the image and channels: each loads one channel's weight
// per tap and the quad exchanges them with subgroupShuffle. On SwiftShader a load costs about a dozen
// multiply-adds and a shuffle next to nothing, so a tap costs 3 loads instead of 9. No lane returns early
// or skips a row alone, so every shuffle reads an active lane.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

override HAS_BIAS: bool = true;
override RELU: bool = false;
// Columns per thread: 5 or 8 (see conv-passes.ts directColumnTile).
override X_TILE: u32 = 8;

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
  var col4 = vec4<f32>(0.0);
  var col4b = vec4<f32>(0.0);
  for (var ci = 0u; ci < params.cin; ci++) {
    let plane = (b * params.cin + ci) * params.h;
    for (var ky = 0u; ky < params.kh; ky++) {
      let iy = iy0 + i32(ky * params.dh);
      let row_ok = in_range(iy, params.h);
      let row = (plane + clamp_index(iy, params.h)) * params.w;
      var lo = vec4<f32>(
        load_x(row, ix0, row_ok), load_x(row, ix0 + 1, row_ok), load_x(row, ix0 + 2, row_ok), load_x(row, ix0 + 3, row_ok));
      var h = load_x(row, ix0 + 4, row_ok);
      var hi = vec4<f32>(0.0);
      if (X_TILE == 8u) {
        hi = vec4<f32>(
          h, load_x(row, ix0 + 5, row_ok), load_x(row, ix0 + 6, row_ok), load_x(row, ix0 + 7, row_ok));
      }
      let k0 = (ci * params.kh + ky) * params.kw;
      for (var kx = 0u; kx < params.kw; kx++) {
        let k = k0 + kx;
        let wv = gather_quad(weight[wl0 + k], quad_base);
        a0l += lo * wv.x;
        a1l += lo * wv.y;
        a2l += lo * wv.z;
        a3l += lo * wv.w;
        let wu = gather_quad(weight[wl1 + k], quad_base);
        a4l += lo * wu.x;
        a5l += lo * wu.y;
        a6l += lo * wu.z;
        a7l += lo * wu.w;
        if (X_TILE == 8u) {
          a0h += hi * wv.x;
          a1h += hi * wv.y;
          a2h += hi * wv.z;
          a3h += hi * wv.w;
          a4h += hi * wu.x;
          a5h += hi * wu.y;
          a6h += hi * wu.z;
          a7h += hi * wu.w;
          lo = vec4<f32>(lo.yzw, hi.x);
          hi = vec4<f32>(hi.yzw, load_x(row, ix0 + i32(kx) + 8, row_ok));
        } else {
          // Column 4 as one vector update per 4 channels (single-component updates cost a read-modify-write).
          col4 += h * wv;
          col4b += h * wu;
          lo = vec4<f32>(lo.yzw, h);
          h = load_x(row, ix0 + i32(kx) + 5, row_ok);
        }
      }
    }
  }
  if (!valid) {
    return;
  }
  if (X_TILE == 5u) {
    a0h.x = col4.x;
    a1h.x = col4.y;
    a2h.x = col4.z;
    a3h.x = col4.w;
    a4h.x = col4b.x;
    a5h.x = col4b.y;
    a6h.x = col4b.z;
    a7h.x = col4b.w;
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
