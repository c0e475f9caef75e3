// common: index conv conv_forward
// y[n,co,oy,ox] = act(bias[co] + sum_{ci,ky,kx} x[n,ci,oy*sh-ph+ky*dh, ox*sw-pw+kx*dw] * weight[co,ci,ky,kx]).
// Barrier-free register tile: each thread computes 4 consecutive ox of one output row for TILE_CO channels.
// TILE_CO = 4 is the implicit-GEMM tile (16 FMAs per 8 loads); TILE_CO = 1 serves layers with 1 or 2
// output channels, where a 4-channel tile would leave lanes idle. Any stride and dilation.

override TILE_CO: u32 = 4;
override RELU: bool = false;

fn load_x(row: u32, ix: i32) -> f32 {
  return select(0.0, x[row + clamp_index(ix, params.w)], in_range(ix, params.w));
}

fn store(b: u32, co: u32, oy: u32, ox0: u32, acc: vec4<f32>) {
  if (co >= params.cout) {
    return;
  }
  var v = acc;
  if (HAS_BIAS) {
    v += bias[group_channel(b, co, params.cout)];
  }
  if (RELU) {
    v = max(v, vec4<f32>(0.0));
  }
  let base = ((b * params.cout + co) * params.oh + oy) * params.ow;
  for (var j = 0u; j < 4u; j++) {
    if (ox0 + j < params.ow) {
      y[base + ox0 + j] = v[j];
    }
  }
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let ox_blocks = (params.ow + 3u) / 4u;
  let co_blocks = (params.cout + TILE_CO - 1u) / TILE_CO;
  if (t >= params.n * co_blocks * params.oh * ox_blocks) {
    return;
  }
  let ox0 = (t % ox_blocks) * 4u;
  let oy = (t / ox_blocks) % params.oh;
  let co0 = ((t / ox_blocks / params.oh) % co_blocks) * TILE_CO;
  let b = t / ox_blocks / params.oh / co_blocks;

  let taps = params.kh * params.kw;
  let wrow = params.cin * taps;
  let last = params.cout - 1u;
  let wg = group_weight_base(b);
  let w0 = wg + min(co0, last) * wrow;
  let w1 = wg + min(co0 + 1u, last) * wrow;
  let w2 = wg + min(co0 + 2u, last) * wrow;
  let w3 = wg + min(co0 + 3u, last) * wrow;
  let sw = i32(params.sw);
  let ix0 = i32(ox0 * params.sw) - params.pw;
  let iy0 = i32(oy * params.sh) - params.ph;
  var a0 = vec4<f32>(0.0);
  var a1 = vec4<f32>(0.0);
  var a2 = vec4<f32>(0.0);
  var a3 = vec4<f32>(0.0);
  for (var ci = 0u; ci < params.cin; ci++) {
    let plane = (b * params.cin + ci) * params.h;
    for (var ky = 0u; ky < params.kh; ky++) {
      let iy = iy0 + i32(ky * params.dh);
      if (!in_range(iy, params.h)) {
        continue;
      }
      let row = (plane + u32(iy)) * params.w;
      let k0 = ci * taps + ky * params.kw;
      for (var kx = 0u; kx < params.kw; kx++) {
        let ix = ix0 + i32(kx * params.dw);
        let xv = vec4<f32>(load_x(row, ix), load_x(row, ix + sw), load_x(row, ix + 2 * sw), load_x(row, ix + 3 * sw));
        let k = k0 + kx;
        a0 += xv * weight[w0 + k];
        if (TILE_CO > 1u) {
          a1 += xv * weight[w1 + k];
          a2 += xv * weight[w2 + k];
          a3 += xv * weight[w3 + k];
        }
      }
    }
  }
  store(b, co0, oy, ox0, a0);
  if (TILE_CO > 1u) {
    store(b, co0 + 1u, oy, ox0, a1);
    store(b, co0 + 2u, oy, ox0, a2);
    store(b, co0 + 3u, oy, ox0, a3);
  }
}
