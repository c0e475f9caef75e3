// common: index conv conv_forward conv_tile conv_row_store
// Depthwise conv2d (one input channel a group, e.g. groups = in_channels), bound as a batch of one-group
// images (common/conv.wgsl): y[b,co,oy,ox] = act(bias + sum_{ci,ky,kx} x[b,ci,oy*sh-ph+ky*dh, ox*sw-pw+kx*dw]
// * weight[b's group, co, ci, ky, kx]). Each thread computes one output channel for a block of 4 rows x 8
// columns: a dense kernel's channel tiles would idle with one channel, and a depthwise tap has too few
// multiply-adds to pay for a thread's setup. Every input row the block needs is loaded once, as a window
// slid along x (stride and dilation 1 along x; else reloaded per tap), and feeds each of the 4 output rows
// it belongs to.
// FLIP: the input gradient of a stride-1 conv as a conv of dy with the kernel rotated 180 degrees and
// padding d*(k-1) - p; params then describe that conv (its inputs are the conv's output channels), and the
// weight of output channel co and input ci is the conv's weight[ci, co].

override RELU: bool = false;
override FLIP: bool = false;
// Stride 1 and dilation 1 along x: the window slides one column a tap instead of being reloaded.
override UNIT_X: bool = true;

const ROWS: u32 = 4u;
// Columns per thread.
const X_TILE: u32 = 8u;

// Offset of the taps in weight row ky that input row i of the block feeds into output row oy0 + r, or -1
// where it feeds none: ky = (i - r*sh) / dh where that divides and lies in [0, kh).
fn tap_row(i: u32, r: u32, oy0: u32) -> i32 {
  let d = i32(i) - i32(r * params.sh);
  if (oy0 + r >= params.oh || d < 0) {
    return -1;
  }
  let ky = u32(d) / params.dh;
  if (ky * params.dh != u32(d) || ky >= params.kh) {
    return -1;
  }
  return i32(select(ky, params.kh - 1u - ky, FLIP) * params.kw);
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let ox_blocks = (params.ow + 7u) / 8u;
  let oy_blocks = (params.oh + ROWS - 1u) / ROWS;
  if (t >= params.n * params.cout * oy_blocks * ox_blocks) {
    return;
  }
  let ox0 = (t % ox_blocks) * 8u;
  let oy0 = ((t / ox_blocks) % oy_blocks) * ROWS;
  let co = (t / ox_blocks / oy_blocks) % params.cout;
  let b = t / ox_blocks / oy_blocks / params.cout;

  let taps = params.kh * params.kw;
  let ix0 = i32(ox0 * params.sw) - params.pw;
  let iy0 = i32(oy0 * params.sh) - params.ph;
  let sw = i32(params.sw);
  let dw = i32(params.dw);
  // Input rows the block reads, each for every output row it feeds.
  let span = (ROWS - 1u) * params.sh + (params.kh - 1u) * params.dh + 1u;
  for (var ci = 0u; ci < params.cin; ci++) {
    let plane = (b * params.cin + ci) * params.h;
    let wbase = group_weight_base(b) + select(co * params.cin + ci, ci * params.cout + co, FLIP) * taps;
    for (var i = 0u; i < span; i++) {
      let iy = iy0 + i32(i);
      let k0 = tap_row(i, 0u, oy0);
      let k1 = tap_row(i, 1u, oy0);
      let k2 = tap_row(i, 2u, oy0);
      let k3 = tap_row(i, 3u, oy0);
      if (!in_range(iy, params.h) || max(max(k0, k1), max(k2, k3)) < 0) {
        continue;
      }
      let row = (plane + u32(iy)) * params.w;
      if (UNIT_X) {
        open_window(row, ix0, true, true);
      }
      for (var kx = 0u; kx < params.kw; kx++) {
        if (!UNIT_X) {
          let ix = ix0 + i32(kx) * dw;
          lo = vec4<f32>(
            load_x(row, ix, true), load_x(row, ix + sw, true), load_x(row, ix + 2 * sw, true), load_x(row, ix + 3 * sw, true));
          hi = vec4<f32>(
            load_x(row, ix + 4 * sw, true), load_x(row, ix + 5 * sw, true), load_x(row, ix + 6 * sw, true),
            load_x(row, ix + 7 * sw, true));
        }
        let w = wbase + select(kx, params.kw - 1u - kx, FLIP);
        if (k0 >= 0) {
          let wv = weight[w + u32(k0)];
          a0l += lo * wv;
          a0h += hi * wv;
        }
        if (k1 >= 0) {
          let wv = weight[w + u32(k1)];
          a1l += lo * wv;
          a1h += hi * wv;
        }
        if (k2 >= 0) {
          let wv = weight[w + u32(k2)];
          a2l += lo * wv;
          a2h += hi * wv;
        }
        if (k3 >= 0) {
          let wv = weight[w + u32(k3)];
          a3l += lo * wv;
          a3h += hi * wv;
        }
        if (UNIT_X) {
          slide(row, ix0, kx, true, true);
        }
      }
    }
  }
  store(b, co, oy0, ox0, a0l, a0h);
  store(b, co, oy0 + 1u, ox0, a1l, a1h);
  store(b, co, oy0 + 2u, ox0, a2l, a2h);
  store(b, co, oy0 + 3u, ox0, a3l, a3h);
}
