// common: index conv conv_row_store
// Direct conv2d for unit stride and dilation along x (LeNet's layers, most "same" convs):
// y[n,co,oy,ox] = act(bias[co] + sum_{ci,ky,kx} x[n,ci,oy*sh-ph+ky*dh, ox-pw+kx] * weight[co,ci,ky,kx]).
// Each thread computes 8 consecutive ox for TILE_C (4 or 3) output channels and slides an 8-wide register
// window along the input row: one x load and 4 weight loads per tap feed 32 FMAs, against 8 loads per 16 FMAs for the
// implicit-GEMM tile. Barrier-free, so it also runs well on SwiftShader.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

override HAS_BIAS: bool = true;
override RELU: bool = false;
// Channels per thread: 4, or 3 where that wastes fewer lanes (6 channels: 2 blocks of 3, not 2 of 4).
override TILE_C: u32 = 4;
// Columns per thread: 8, or 5 where 5-wide blocks leave far fewer idle columns (ow 10: 10 vs 16).
override X_TILE: u32 = 8;

fn load_x(row: u32, ix: i32) -> f32 {
  return select(0.0, x[row + clamp_index(ix, params.w)], in_range(ix, params.w));
}

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
  var a0l = vec4<f32>(0.0);
  var a0h = vec4<f32>(0.0);
  var a1l = vec4<f32>(0.0);
  var a1h = vec4<f32>(0.0);
  var a2l = vec4<f32>(0.0);
  var a2h = vec4<f32>(0.0);
  var a3l = vec4<f32>(0.0);
  var a3h = vec4<f32>(0.0);
  // X_TILE 5: column 4 of the block, one lane per channel.
  var col4 = vec4<f32>(0.0);
  for (var ci = 0u; ci < params.cin; ci++) {
    let plane = (b * params.cin + ci) * params.h;
    for (var ky = 0u; ky < params.kh; ky++) {
      let iy = iy0 + i32(ky * params.dh);
      if (!in_range(iy, params.h)) {
        continue;
      }
      let row = (plane + u32(iy)) * params.w;
      var lo = vec4<f32>(load_x(row, ix0), load_x(row, ix0 + 1), load_x(row, ix0 + 2), load_x(row, ix0 + 3));
      // With X_TILE 5 the window's fifth column is the scalar h and hi stays unused.
      var h = load_x(row, ix0 + 4);
      var hi = vec4<f32>(0.0);
      if (X_TILE == 8u) {
        hi = vec4<f32>(h, load_x(row, ix0 + 5), load_x(row, ix0 + 6), load_x(row, ix0 + 7));
      }
      let k0 = (ci * params.kh + ky) * params.kw;
      for (var kx = 0u; kx < params.kw; kx++) {
        let k = k0 + kx;
        let wv = vec4<f32>(weight[w0 + k], weight[w1 + k], weight[w2 + k], weight[w3 + k]);
        a0l += lo * wv.x;
        a1l += lo * wv.y;
        a2l += lo * wv.z;
        if (TILE_C == 4u) {
          a3l += lo * wv.w;
        }
        if (X_TILE == 8u) {
          a0h += hi * wv.x;
          a1h += hi * wv.y;
          a2h += hi * wv.z;
          if (TILE_C == 4u) {
            a3h += hi * wv.w;
          }
          // Slide the window one column right: x at ix0 + kx + 1 .. ix0 + kx + 8.
          lo = vec4<f32>(lo.yzw, hi.x);
          hi = vec4<f32>(hi.yzw, load_x(row, ix0 + i32(kx) + 8));
        } else {
          // Column 4 for all channels in one vector update: updating a0h.x .. a3h.x one component at a
          // time costs SwiftShader a read-modify-write each (this form measured 1.28x on LeNet conv2).
          col4 += h * wv;
          lo = vec4<f32>(lo.yzw, h);
          h = load_x(row, ix0 + i32(kx) + 5);
        }
      }
    }
  }
  if (X_TILE == 5u) {
    a0h.x = col4.x;
    a1h.x = col4.y;
    a2h.x = col4.z;
    a3h.x = col4.w;
  }
  store(b, co0, oy, ox0, a0l, a0h);
  store(b, co0 + 1u, oy, ox0, a1l, a1h);
  store(b, co0 + 2u, oy, ox0, a2l, a2h);
  if (TILE_C == 4u) {
    store(b, co0 + 3u, oy, ox0, a3l, a3h);
  }
}
