// common: index conv conv_forward conv_tile conv_row_store
// Direct conv2d for unit stride and dilation along x (LeNet's layers, most "same" convs):
// y[n,co,oy,ox] = act(bias[co] + sum_{ci,ky,kx} x[n,ci,oy*sh-ph+ky*dh, ox-pw+kx] * weight[co,ci,ky,kx]).
// Each thread computes 8 consecutive ox for TILE_C (4 or 3) output channels and slides an 8-wide register
// window along the input row: one x load and 4 weight loads per tap feed 32 FMAs, against 8 loads per 16 FMAs for the
// implicit-GEMM tile. Barrier-free, so it also runs well on SwiftShader.

override RELU: bool = false;
// Channels per thread: 4, or 3 where that wastes fewer lanes (6 channels: 2 blocks of 3, not 2 of 4).
override TILE_C: u32 = 4;
// Columns per thread: 8, or 5 where 5-wide blocks leave far fewer idle columns (ow 10: 10 vs 16).
override X_TILE: u32 = 8;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let ox_blocks = (params.ow + X_TILE - 1u) / X_TILE;
  let co_blocks = (params.cout + TILE_C - 1u) / TILE_C;
  if (t >= params.n * co_blocks * params.oh * ox_blocks) {
    return;
  }
  let ox0 = (t % ox_blocks) * X_TILE;
  let oy = (t / ox_blocks) % params.oh;
  let co0 = ((t / ox_blocks / params.oh) % co_blocks) * TILE_C;
  let b = t / ox_blocks / params.oh / co_blocks;

  let wrow = params.cin * params.kh * params.kw;
  let last = params.cout - 1u;
  let wg = group_weight_base(b);
  let w0 = wg + min(co0, last) * wrow;
  let w1 = wg + min(co0 + 1u, last) * wrow;
  let w2 = wg + min(co0 + 2u, last) * wrow;
  let w3 = wg + min(co0 + 3u, last) * wrow;
  let ix0 = i32(ox0) - params.pw;
  let iy0 = i32(oy * params.sh) - params.ph;
  for (var ci = 0u; ci < params.cin; ci++) {
    let plane = (b * params.cin + ci) * params.h;
    for (var ky = 0u; ky < params.kh; ky++) {
      let iy = iy0 + i32(ky * params.dh);
      if (!in_range(iy, params.h)) {
        continue;
      }
      let row = (plane + u32(iy)) * params.w;
      open_window(row, ix0, true, X_TILE == 8u);
      let k0 = (ci * params.kh + ky) * params.kw;
      for (var kx = 0u; kx < params.kw; kx++) {
        let k = k0 + kx;
        accumulate_low(vec4<f32>(weight[w0 + k], weight[w1 + k], weight[w2 + k], weight[w3 + k]), TILE_C == 4u, X_TILE == 8u);
        slide(row, ix0, kx, true, X_TILE == 8u);
      }
    }
  }
  if (X_TILE == 5u) {
    fold_col4();
  }
  store(b, co0, oy, ox0, a0l, a0h);
  store(b, co0 + 1u, oy, ox0, a1l, a1h);
  store(b, co0 + 2u, oy, ox0, a2l, a2h);
  if (TILE_C == 4u) {
    store(b, co0 + 3u, oy, ox0, a3l, a3h);
  }
}
