// common: index conv conv_forward
// Transposed convolution in gather form (one writer per output, so no atomics):
// y[n,c,iy,ix] = bias[c] + sum_{co,ky,kx} x[n,co,oy,ox] * weight[co,c,ky,kx] over taps where
// iy = oy*sh - ph + ky*dh and ix = ox*sw - pw + kx*dw. Params hold the conv2d this op transposes (the
// conv's input is y, its output is x), so the same file is conv2d's backward-input pass (x = dy, y = dx).
// Barrier-free register tile: 4 ix of one row and one phase (ix0, ix0+sw, ix0+2sw, ix0+3sw) for TILE_C output
// channels (4, or 1 when few). Within a phase a tap kx lands on the stride grid for all 4 columns or for none,
// so off-grid taps are skipped whole instead of multiplied by zero (stride 2: half the multiply-adds along x;
// rows already skip off-grid ky).

override TILE_C: u32 = 4;
// Stride 1 on both axes: every tap is on the grid, so the integer divisions (slow on CPUs) are skipped.
override UNIT_STRIDE: bool = false;

fn load_x(row: u32, ox: i32) -> f32 {
  return select(0.0, x[row + clamp_index(ox, params.ow)], in_range(ox, params.ow));
}

fn store(b: u32, c: u32, iy: u32, ix0: u32, acc: vec4<f32>) {
  if (c >= params.cin) {
    return;
  }
  var v = acc;
  if (HAS_BIAS) {
    v += bias[group_channel(b, c, params.cin)];
  }
  let base = ((b * params.cin + c) * params.h + iy) * params.w;
  for (var j = 0u; j < 4u; j++) {
    let ix = ix0 + j * params.sw;
    if (ix < params.w) {
      y[base + ix] = v[j];
    }
  }
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  // sw x-phases of ceil(w / sw) columns (4 per block) and sh y-phases of ceil(h / sh) rows. The phase pair
  // varies slowest so SwiftShader's 4-lane groups share it and skip the same off-grid taps.
  let phase_blocks = ((params.w + params.sw - 1u) / params.sw + 3u) / 4u;
  let phase_rows = (params.h + params.sh - 1u) / params.sh;
  let c_blocks = (params.cin + TILE_C - 1u) / TILE_C;
  let per_phase = params.n * c_blocks * phase_rows * phase_blocks;
  if (t >= per_phase * params.sw * params.sh) {
    return;
  }
  let phase = t / per_phase;
  let u = t % per_phase;
  let iy = phase / params.sw + ((u / phase_blocks) % phase_rows) * params.sh;
  if (iy >= params.h) {
    return;
  }
  let ix0 = phase % params.sw + (u % phase_blocks) * 4u * params.sw;
  let c0 = ((u / phase_blocks / phase_rows) % c_blocks) * TILE_C;
  let b = u / phase_blocks / phase_rows / c_blocks;

  let taps = params.kh * params.kw;
  let last = params.cin - 1u;
  let c1 = min(c0 + 1u, last) * taps;
  let c2 = min(c0 + 2u, last) * taps;
  let c3 = min(c0 + 3u, last) * taps;
  let cc0 = min(c0, last) * taps;
  let sh = i32(params.sh);
  let sw = i32(params.sw);
  let oxn0 = i32(ix0) + params.pw;
  // On-grid taps: kx*dw = oxn0 (mod sw). They repeat every kx_step = sw / gcd(sw, dw) from the first, found
  // once here, so the tap loop visits no off-grid kx (a masked `continue` still costs the lanes on SwiftShader).
  var kx_step = 1u;
  var kx_first = 0u;
  if (!UNIT_STRIDE) {
    while ((kx_step * params.dw) % params.sw != 0u) {
      kx_step++;
    }
    kx_first = params.kw;
    for (var k = 0u; k < min(kx_step, params.kw); k++) {
      let oxn = oxn0 - i32(k * params.dw);
      if ((oxn / sw) * sw == oxn) {
        kx_first = k;
        break;
      }
    }
  }
  // Rows likewise: oyn = top - ky*dh in [0, (oh-1)*sh] and divisible by sh, as loop bounds.
  let top = i32(iy) + params.ph;
  let dh = i32(params.dh);
  let ky_end = select(0u, min(params.kh, u32(top / dh) + 1u), top >= 0);
  let span = top - i32(params.oh - 1u) * sh;
  let ky_lo = select(0u, u32((span + dh - 1) / dh), span > 0);
  var ky_step = 1u;
  var ky_first = ky_lo;
  if (!UNIT_STRIDE) {
    while ((ky_step * params.dh) % params.sh != 0u) {
      ky_step++;
    }
    ky_first = ky_end;
    for (var k = ky_lo; k < min(ky_lo + ky_step, ky_end); k++) {
      let oyn = top - i32(k * params.dh);
      if ((oyn / sh) * sh == oyn) {
        ky_first = k;
        break;
      }
    }
  }
  var a0 = vec4<f32>(0.0);
  var a1 = vec4<f32>(0.0);
  var a2 = vec4<f32>(0.0);
  var a3 = vec4<f32>(0.0);
  for (var co = 0u; co < params.cout; co++) {
    let plane = (b * params.cout + co) * params.oh;
    let wbase = group_weight_base(b) + co * params.cin * taps;
    for (var ky = ky_first; ky < ky_end; ky += ky_step) {
      var oy = top - i32(ky * params.dh);
      if (!UNIT_STRIDE) {
        oy /= sh;
      }
      let row = (plane + u32(oy)) * params.ow;
      for (var kx = kx_first; kx < params.kw; kx += kx_step) {
        let oxn = oxn0 - i32(kx * params.dw);
        var ox = oxn;
        if (!UNIT_STRIDE) {
          ox = oxn / sw;
        }
        let xv = vec4<f32>(load_x(row, ox), load_x(row, ox + 1), load_x(row, ox + 2), load_x(row, ox + 3));
        let k = wbase + ky * params.kw + kx;
        a0 += xv * weight[k + cc0];
        if (TILE_C > 1u) {
          a1 += xv * weight[k + c1];
          a2 += xv * weight[k + c2];
          a3 += xv * weight[k + c3];
        }
      }
    }
  }
  store(b, c0, iy, ix0, a0);
  if (TILE_C > 1u) {
    store(b, c0 + 1u, iy, ix0, a1);
    store(b, c0 + 2u, iy, ix0, a2);
    store(b, c0 + 3u, iy, ix0, a3);
  }
}
