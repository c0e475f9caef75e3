// Transposed convolution in gather form (one writer per output, so no atomics):
// y[n,c,iy,ix] = bias[c] + sum_{co,ky,kx} x[n,co,oy,ox] * weight[co,c,ky,kx] over taps where
// iy = oy*sh - ph + ky*dh and ix = ox*sw - pw + kx*dw. Params hold the conv2d this op transposes (the
// conv's input is y, its output is x), so the same file is conv2d's backward-input pass (x = dy, y = dx).
// Barrier-free register tile: 4 consecutive ix of one row for TILE_C output channels (4, or 1 when few).
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

override WG_X: u32 = 64;
override TILE_C: u32 = 4;
override HAS_BIAS: bool = true;
// Stride 1 on both axes: every tap is on the grid, so the integer divisions (slow on CPUs) are skipped.
override UNIT_STRIDE: bool = false;

// x at (row, ox) where ox*sw = oxn, or 0 when oxn is off the stride grid or out of range.
fn load_x(row: u32, oxn: i32) -> f32 {
  var ox = oxn;
  if (!UNIT_STRIDE) {
    ox = oxn / i32(params.sw);
  }
  let ok = oxn >= 0 && ox * i32(params.sw) == oxn && ox < i32(params.ow);
  return select(0.0, x[row + clamp_index(ox, params.ow)], ok);
}

fn store(b: u32, c: u32, iy: u32, ix0: u32, acc: vec4<f32>) {
  if (c >= params.cin) {
    return;
  }
  var v = acc;
  if (HAS_BIAS) {
    v += bias[c];
  }
  let base = ((b * params.cin + c) * params.h + iy) * params.w;
  for (var j = 0u; j < 4u; j++) {
    if (ix0 + j < params.w) {
      y[base + ix0 + j] = v[j];
    }
  }
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg, WG_X);
  let ix_blocks = (params.w + 3u) / 4u;
  let c_blocks = (params.cin + TILE_C - 1u) / TILE_C;
  if (t >= params.n * c_blocks * params.h * ix_blocks) {
    return;
  }
  let ix0 = (t % ix_blocks) * 4u;
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
  let oxn0 = i32(ix0) + params.pw;
  var a0 = vec4<f32>(0.0);
  var a1 = vec4<f32>(0.0);
  var a2 = vec4<f32>(0.0);
  var a3 = vec4<f32>(0.0);
  for (var co = 0u; co < params.cout; co++) {
    let plane = (b * params.cout + co) * params.oh;
    let wbase = co * params.cin * taps;
    for (var ky = 0u; ky < params.kh; ky++) {
      let oyn = i32(iy) + params.ph - i32(ky * params.dh);
      var oy = oyn;
      if (!UNIT_STRIDE) {
        oy = oyn / sh;
      }
      if (oyn < 0 || oy * sh != oyn || oy >= i32(params.oh)) {
        continue;
      }
      let row = (plane + u32(oy)) * params.ow;
      for (var kx = 0u; kx < params.kw; kx++) {
        let oxn = oxn0 - i32(kx * params.dw);
        let xv = vec4<f32>(load_x(row, oxn), load_x(row, oxn + 1), load_x(row, oxn + 2), load_x(row, oxn + 3));
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
