// common: index conv
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
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

override HAS_BIAS: bool = true;
override RELU: bool = false;
override FLIP: bool = false;
// Stride 1 and dilation 1 along x: the window slides one column a tap instead of being reloaded.
override UNIT_X: bool = true;

const ROWS: u32 = 4u;

fn load_x(row: u32, ix: i32) -> f32 {
  return select(0.0, x[row + clamp_index(ix, params.w)], in_range(ix, params.w));
}

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

fn store(b: u32, co: u32, oy: u32, ox0: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (oy >= params.oh) {
    return;
  }
  var vl = lo;
  var vh = hi;
  if (HAS_BIAS) {
    let bv = bias[group_channel(b, co, params.cout)];
    vl += bv;
    vh += bv;
  }
  if (RELU) {
    vl = max(vl, vec4<f32>(0.0));
    vh = max(vh, vec4<f32>(0.0));
  }
  let base = ((b * params.cout + co) * params.oh + oy) * params.ow + ox0;
  for (var j = 0u; j < 4u; j++) {
    if (ox0 + j < params.ow) {
      y[base + j] = vl[j];
    }
    if (ox0 + 4u + j < params.ow) {
      y[base + 4u + j] = vh[j];
    }
  }
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
  var a0l = vec4<f32>(0.0);
  var a0h = vec4<f32>(0.0);
  var a1l = vec4<f32>(0.0);
  var a1h = vec4<f32>(0.0);
  var a2l = vec4<f32>(0.0);
  var a2h = vec4<f32>(0.0);
  var a3l = vec4<f32>(0.0);
  var a3h = vec4<f32>(0.0);
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
      var lo = vec4<f32>(0.0);
      var hi = vec4<f32>(0.0);
      if (UNIT_X) {
        lo = vec4<f32>(load_x(row, ix0), load_x(row, ix0 + 1), load_x(row, ix0 + 2), load_x(row, ix0 + 3));
        hi = vec4<f32>(load_x(row, ix0 + 4), load_x(row, ix0 + 5), load_x(row, ix0 + 6), load_x(row, ix0 + 7));
      }
      for (var kx = 0u; kx < params.kw; kx++) {
        if (!UNIT_X) {
          let ix = ix0 + i32(kx) * dw;
          lo = vec4<f32>(load_x(row, ix), load_x(row, ix + sw), load_x(row, ix + 2 * sw), load_x(row, ix + 3 * sw));
          hi = vec4<f32>(
            load_x(row, ix + 4 * sw), load_x(row, ix + 5 * sw), load_x(row, ix + 6 * sw), load_x(row, ix + 7 * sw));
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
          lo = vec4<f32>(lo.yzw, hi.x);
          hi = vec4<f32>(hi.yzw, load_x(row, ix0 + i32(kx) + 8));
        }
      }
    }
  }
  store(b, co, oy0, ox0, a0l, a0h);
  store(b, co, oy0 + 1u, ox0, a1l, a1h);
  store(b, co, oy0 + 2u, ox0, a2l, a2h);
  store(b, co, oy0 + 3u, ox0, a3l, a3h);
}
