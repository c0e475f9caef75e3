// common: index conv conv_weight_grad_store
// Split-K weight and bias gradients of a conv whose ReLU'd output a 2x2 max-pool of stride 2 reads, from the
// POOLED dy and the pool's argmax: the un-pooled dy is the pooled one at each window's argmax (masked where
// the pooled y is not > 0, as max_pool2d_backward_windows' RELU_MASK) and 0 at the window's 3 other places,
// so a sum over pooled positions only gives the same gradients with a quarter of the multiply-adds:
// partial[s, co, (ci*kh + ky)*kw + kx] = sum over the s-th chunk of (n, py) rows and all px of
// g[n,co,py,px] * x[n,ci,oy*sh-ph+ky*dh, ox*sw-pw+kx*dw], (oy, ox) the argmax of window (py, px).
// Each thread owns one co and one (ci, ky) tap row of up to 8 kx (KW <= 8); the threads of (ci 0, ky 0)
// also sum g for the bias partials. The argmax is iy * ow + ix in the conv output's plane (as both the fused
// forward and max_pool2d_forward write it); its offset from the window's first element is 0, 1, ow or ow + 1.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial: array<f32>;
@group(0) @binding(4) var<storage, read> indices: array<u32>;
@group(0) @binding(5) var<storage, read> y: array<f32>;

override KX_TILE: u32 = 8;
override KW: u32 = 5;
override HAS_BIAS: bool = true;

// x at column ix0 + kx * dw of the row starting at `row`, or 0 past the kernel's width or the input's edge.
fn tap(row: u32, ix0: i32, kx: u32) -> f32 {
  let ix = ix0 + i32(kx * params.dw);
  let ok = kx < KW && in_range(ix, params.w);
  return select(0.0, x[row + clamp_index(ix, params.w)], ok);
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let rows = params.cin * params.kh;
  if (t >= params.splits * params.cout * rows) {
    return;
  }
  let tap_row = t % rows;
  let co = (t / rows) % params.cout;
  let s = t / rows / params.cout;
  let ci = tap_row / params.kh;
  let ky = tap_row % params.kh;
  let ph2 = params.oh / 2u;
  let pw2 = params.ow / 2u;
  let sums_bias = HAS_BIAS && tap_row == 0u;

  var lo = vec4<f32>();
  var hi = vec4<f32>();
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
      let iy = i32(oy * params.sh + ky * params.dh) - params.ph;
      if (g == 0.0 || !in_range(iy, params.h)) {
        continue;
      }
      let row = (x_plane + u32(iy)) * params.w;
      let ix0 = i32(ox * params.sw) - params.pw;
      lo += g * vec4<f32>(tap(row, ix0, 0u), tap(row, ix0, 1u), tap(row, ix0, 2u), tap(row, ix0, 3u));
      if (KW > 4u) {
        hi += g * vec4<f32>(tap(row, ix0, 4u), tap(row, ix0, 5u), tap(row, ix0, 6u), tap(row, ix0, 7u));
      }
    }
  }
  store(s * params.cout * params.cin * params.kh * params.kw + tap_row * params.kw, co, 0u, lo, hi);
  if (sums_bias) {
    store_bias(s, co, bias);
  }
}
