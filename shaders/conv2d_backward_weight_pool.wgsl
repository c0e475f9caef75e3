// common: index conv conv_weight_grad_store
// Split-K weight and bias gradients of a conv whose ReLU'd output a 2x2 max-pool of stride 2 reads, from the
// POOLED dy and the pool's argmax: the un-pooled dy is the pooled one at each window's argmax (masked where
// the pooled y is not > 0, as max_pool2d_backward_windows' RELU_MASK) and 0 at the window's 3 other places,
// so a sum over pooled positions only gives the same gradients with a quarter of the multiply-adds:
// partial[s, co, (ci*kh + ky)*kw + kx] = sum over the s-th chunk of (n, py) rows and all px of
// g[n,co,py,px] * x[n,ci,oy*sh-ph+ky*dh, ox*sw-pw+kx*dw], (oy, ox) the argmax of window (py, px).
// Each co has its own argmax, so x loads cannot be shared across channels: a thread owns one (co, ci) and a
// block of KY_TILE (<= 5) ky rows of KW (<= 8) kx, so the dy, y and argmax loads and the index maths of a
// pooled position feed up to 40 taps. The threads of (ci 0, ky block 0) also sum g for the bias partials.
// The argmax is iy * ow + ix in the conv output's plane (as the fused forward and max_pool2d_forward write
// it); its offset from the window's first element is 0, 1, ow or ow + 1.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial: array<f32>;
@group(0) @binding(4) var<storage, read> indices: array<u32>;
@group(0) @binding(5) var<storage, read> y: array<f32>;

override KX_TILE: u32 = 8;
override KW: u32 = 5;
override KY_TILE: u32 = 5;
override HAS_BIAS: bool = true;

var<private> a0l: vec4<f32>;
var<private> a0h: vec4<f32>;
var<private> a1l: vec4<f32>;
var<private> a1h: vec4<f32>;
var<private> a2l: vec4<f32>;
var<private> a2h: vec4<f32>;
var<private> a3l: vec4<f32>;
var<private> a3h: vec4<f32>;
var<private> a4l: vec4<f32>;
var<private> a4h: vec4<f32>;

// The thread's columns at a pooled position: clamped indices into an input row and g masked to the taps
// inside the kernel's width and the input, for kx k0 + 0..3.
struct Cols {
  k0: u32,
  at: vec4<u32>,
  g: vec4<f32>,
}

fn columns(ix0: i32, k0: u32, g: f32) -> Cols {
  let k = vec4<u32>(k0, k0 + 1u, k0 + 2u, k0 + 3u);
  let ix = vec4<i32>(ix0) + vec4<i32>(k * params.dw);
  let w = i32(params.w);
  let ok = (k < vec4<u32>(KW)) & (ix >= vec4<i32>(0)) & (ix < vec4<i32>(w));
  let at = vec4<u32>(clamp(ix, vec4<i32>(0), vec4<i32>(w - 1)));
  return Cols(k0, at, select(vec4<f32>(), vec4<f32>(g), ok));
}

// The 4 taps' g * x on input row iy of the plane starting at row x_plane; 0 where iy is outside the input.
fn taps(x_plane: u32, iy: i32, c: Cols) -> vec4<f32> {
  let row = (x_plane + clamp_index(iy, params.h)) * params.w;
  // Columns past KW (an override) are not loaded: kw 5 loads 1 of its second block's 4.
  var v = vec4<f32>(x[row + c.at.x], 0.0, 0.0, 0.0);
  if (c.k0 + 1u < KW) {
    v.y = x[row + c.at.y];
  }
  if (c.k0 + 2u < KW) {
    v.z = x[row + c.at.z];
  }
  if (c.k0 + 3u < KW) {
    v.w = x[row + c.at.w];
  }
  return select(vec4<f32>(), c.g, in_range(iy, params.h)) * v;
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let ky_blocks = (params.kh + KY_TILE - 1u) / KY_TILE;
  let tiles = params.cin * ky_blocks;
  if (t >= params.splits * params.cout * tiles) {
    return;
  }
  let ky0 = (t % ky_blocks) * KY_TILE;
  let ci = (t / ky_blocks) % params.cin;
  let co = (t / tiles) % params.cout;
  let s = t / tiles / params.cout;
  let ph2 = params.oh / 2u;
  let pw2 = params.ow / 2u;
  let sums_bias = HAS_BIAS && ci == 0u && ky0 == 0u;
  let dh = i32(params.dh);

  var bias = 0.0;
  let rows_end = min((s + 1u) * params.chunk, params.n * ph2);
  for (var r = s * params.chunk; r < rows_end; r++) {
    let b = r / ph2;
    let py = r % ph2;
    let pooled_row = ((b * params.cout + co) * ph2 + py) * pw2;
    let x_plane = (b * params.cin + ci) * params.h;
    for (var px = 0u; px < pw2; px++) {
      let o = pooled_row + px;
      let g = select(0.0, dy[o], y[o] > 0.0);
      if (sums_bias) {
        bias += g;
      }
      let off = indices[o] - (2u * py * params.ow + 2u * px);
      let below = off >= params.ow;
      let oy = 2u * py + u32(below);
      let ox = 2u * px + select(off, off - params.ow, below);
      let iy = i32(oy * params.sh + ky0 * params.dh) - params.ph;
      let ix0 = i32(ox * params.sw) - params.pw;
      let lo = columns(ix0, 0u, g);
      let hi = columns(ix0, 4u, g);
      a0l += taps(x_plane, iy, lo);
      if (KW > 4u) {
        a0h += taps(x_plane, iy, hi);
      }
      if (KY_TILE > 1u) {
        a1l += taps(x_plane, iy + dh, lo);
        if (KW > 4u) {
          a1h += taps(x_plane, iy + dh, hi);
        }
      }
      if (KY_TILE > 2u) {
        a2l += taps(x_plane, iy + 2 * dh, lo);
        if (KW > 4u) {
          a2h += taps(x_plane, iy + 2 * dh, hi);
        }
      }
      if (KY_TILE > 3u) {
        a3l += taps(x_plane, iy + 3 * dh, lo);
        if (KW > 4u) {
          a3h += taps(x_plane, iy + 3 * dh, hi);
        }
      }
      if (KY_TILE > 4u) {
        a4l += taps(x_plane, iy + 4 * dh, lo);
        if (KW > 4u) {
          a4h += taps(x_plane, iy + 4 * dh, hi);
        }
      }
    }
  }
  let base = s * params.cout * params.cin * params.kh * params.kw + (ci * params.kh + ky0) * params.kw;
  store_row(base, co, ky0, 0u, a0l, a0h);
  store_row(base, co, ky0, 1u, a1l, a1h);
  store_row(base, co, ky0, 2u, a2l, a2h);
  store_row(base, co, ky0, 3u, a3l, a3h);
  store_row(base, co, ky0, 4u, a4l, a4h);
  if (sums_bias) {
    store_bias(s, co, bias);
  }
}

// Row j of the thread's ky block, where it lies inside the kernel.
fn store_row(base: u32, co: u32, ky0: u32, j: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (j < KY_TILE && ky0 + j < params.kh) {
    store(base + j * params.kw, co, 0u, lo, hi);
  }
}
