// common: index conv conv_forward
// Transposed convolution (gather form) for stride 1 and dilation 1 along x, e.g. conv2d's backward-input
// pass for LeNet's layers: y[n,c,iy,ix] = bias[c] + sum_{co,ky,kx} x[n,co,oy,ix+pw-kx] * weight[co,c,ky,kx]
// with oy = (iy + ph - ky*dh) / sh where that divides. Each thread computes X_TILE (8 or 7) consecutive ix
// for TILE_C (4 or 3) output channels and slides a register window (lo, hi, tail) left along the x row:
// one x load and 4 weight loads per tap feed 32 FMAs. Params hold the conv2d this op transposes (its input
// is y, its output is x).

// Channels per thread: 4, or 3 where that wastes fewer lanes (6 channels: 2 blocks of 3, not 2 of 4).
override TILE_C: u32 = 4;
// Columns per thread: 8, or 7 where 7-wide blocks compute fewer idle columns (w 14: 14 vs 16, LeNet conv2).
override X_TILE: u32 = 8;

fn load_x(row: u32, ox: i32) -> f32 {
  return select(0.0, x[row + clamp_index(ox, params.ow)], in_range(ox, params.ow));
}

fn store(b: u32, c: u32, iy: u32, ix0: u32, lo: vec4<f32>, hi: vec3<f32>, tail: f32) {
  if (c >= params.cin) {
    return;
  }
  var vl = lo;
  var vh = hi;
  var vt = tail;
  if (HAS_BIAS) {
    let bv = bias[group_channel(b, c, params.cin)];
    vl += bv;
    vh += bv;
    vt += bv;
  }
  let base = ((b * params.cin + c) * params.h + iy) * params.w + ix0;
  for (var j = 0u; j < 4u; j++) {
    if (ix0 + j < params.w) {
      y[base + j] = vl[j];
    }
  }
  for (var j = 0u; j < 3u; j++) {
    if (ix0 + 4u + j < params.w) {
      y[base + 4u + j] = vh[j];
    }
  }
  if (X_TILE == 8u && ix0 + 7u < params.w) {
    y[base + 7u] = vt;
  }
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let ix_blocks = (params.w + X_TILE - 1u) / X_TILE;
  let c_blocks = (params.cin + TILE_C - 1u) / TILE_C;
  if (t >= params.n * c_blocks * params.h * ix_blocks) {
    return;
  }
  let ix0 = (t % ix_blocks) * X_TILE;
  let iy = (t / ix_blocks) % params.h;
  let c0 = ((t / ix_blocks / params.h) % c_blocks) * TILE_C;
  let b = t / ix_blocks / params.h / c_blocks;

  let taps = params.kh * params.kw;
  let last = params.cin - 1u;
  let c1 = min(c0 + 1u, last) * taps;
  let c2 = min(c0 + 2u, last) * taps;
  let c3 = min(c0 + 3u, last) * taps;
  let cc0 = min(c0, last) * taps;
  let sh = i32(params.sh);
  let ox0 = i32(ix0) + params.pw;
  // Rows in range and on the stride grid: oyn = top - ky*dh in [0, (oh-1)*sh] and divisible by sh. Loop
  // bounds, not a masked `continue` (which SwiftShader's lanes still pay for): LeNet conv2 visits 50 of 70.
  let top = i32(iy) + params.ph;
  let dh = i32(params.dh);
  let ky_end = select(0u, min(params.kh, u32(top / dh) + 1u), top >= 0);
  let span = top - i32(params.oh - 1u) * sh;
  let ky_lo = select(0u, u32((span + dh - 1) / dh), span > 0);
  var ky_step = 1u;
  while ((ky_step * params.dh) % params.sh != 0u) {
    ky_step++;
  }
  var ky_first = ky_end;
  for (var k = ky_lo; k < min(ky_lo + ky_step, ky_end); k++) {
    let oyn = top - i32(k * params.dh);
    if ((oyn / sh) * sh == oyn) {
      ky_first = k;
      break;
    }
  }
  var a0l = vec4<f32>(0.0);
  var a0h = vec3<f32>(0.0);
  var a0t = 0.0;
  var a1l = vec4<f32>(0.0);
  var a1h = vec3<f32>(0.0);
  var a1t = 0.0;
  var a2l = vec4<f32>(0.0);
  var a2h = vec3<f32>(0.0);
  var a2t = 0.0;
  var a3l = vec4<f32>(0.0);
  var a3h = vec3<f32>(0.0);
  var a3t = 0.0;
  for (var co = 0u; co < params.cout; co++) {
    let plane = (b * params.cout + co) * params.oh;
    let wbase = group_weight_base(b) + co * params.cin * taps;
    for (var ky = ky_first; ky < ky_end; ky += ky_step) {
      let oy = (top - i32(ky * params.dh)) / sh;
      let row = (plane + u32(oy)) * params.ow;
      var lo = vec4<f32>(load_x(row, ox0), load_x(row, ox0 + 1), load_x(row, ox0 + 2), load_x(row, ox0 + 3));
      var hi = vec3<f32>(load_x(row, ox0 + 4), load_x(row, ox0 + 5), load_x(row, ox0 + 6));
      // With X_TILE 7 the tail column stays unused.
      var tail = 0.0;
      if (X_TILE == 8u) {
        tail = load_x(row, ox0 + 7);
      }
      let k0 = wbase + ky * params.kw;
      for (var kx = 0u; kx < params.kw; kx++) {
        let k = k0 + kx;
        let wv = vec4<f32>(weight[k + cc0], weight[k + c1], weight[k + c2], weight[k + c3]);
        a0l += lo * wv.x;
        a0h += hi * wv.x;
        a1l += lo * wv.y;
        a1h += hi * wv.y;
        a2l += lo * wv.z;
        a2h += hi * wv.z;
        if (TILE_C == 4u) {
          a3l += lo * wv.w;
          a3h += hi * wv.w;
        }
        if (X_TILE == 8u) {
          a0t += tail * wv.x;
          a1t += tail * wv.y;
          a2t += tail * wv.z;
          if (TILE_C == 4u) {
            a3t += tail * wv.w;
          }
          tail = hi.z;
        }
        // Slide the window one column left: x at ox0 - kx - 1 .. ox0 - kx + X_TILE - 2.
        hi = vec3<f32>(lo.w, hi.xy);
        lo = vec4<f32>(load_x(row, ox0 - i32(kx) - 1), lo.xyz);
      }
    }
  }
  store(b, c0, iy, ix0, a0l, a0h, a0t);
  store(b, c0 + 1u, iy, ix0, a1l, a1h, a1t);
  store(b, c0 + 2u, iy, ix0, a2l, a2h, a2t);
  if (TILE_C == 4u) {
    store(b, c0 + 3u, iy, ix0, a3l, a3h, a3t);
  }
}
