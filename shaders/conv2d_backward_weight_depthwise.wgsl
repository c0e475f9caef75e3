// common: index conv conv_tile conv_weight_grad_store
// Split-K weight gradient of a depthwise conv2d (one input channel a group), first pass, on the batch of
// one-group images (common/conv.wgsl): partial[s, grp*cout + co, (ci*kh + ky)*kw + kx] = sum over the s-th
// chunk of (n, oy) rows of group grp's images b and all ox of dy[b,co,oy,ox] * x[b,ci,oy*sh-ph+ky*dh,
// ox*sw-pw+kx*dw]. One output channel per thread, where the dense kernels' 3 to 8 channel tiles would idle,
// and 8 kx of one (ci, ky): per ox one dy load and, with stride and dilation 1 along x, one x load slid
// into the window (else 8). reduce_rows sums the partials in a fixed order.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial: array<f32>;

// kx per thread, for the shared store.
override KX_TILE: u32 = 8;
// Stride 1 and dilation 1 along x: the window slides one column an ox instead of being reloaded.
override UNIT_X: bool = true;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let kx_blocks = (params.kw + 7u) / 8u;
  let rows = params.cin * params.kh;
  if (t >= params.splits * params.groups * params.cout * rows * kx_blocks) {
    return;
  }
  let kx0 = (t % kx_blocks) * 8u;
  let tap_row = (t / kx_blocks) % rows;
  let co = (t / kx_blocks / rows) % params.cout;
  let split_group = t / kx_blocks / rows / params.cout;
  let grp = split_group % params.groups;
  let s = split_group / params.groups;
  let ci = tap_row / params.kh;
  let ky = tap_row % params.kh;

  let plane = params.oh * params.ow;
  let sw = i32(params.sw);
  let dw = i32(params.dw);
  let ix0 = i32(kx0) * dw - params.pw;
  let rows_end = min((s + 1u) * params.chunk, (params.n / params.groups) * params.oh);
  for (var r = s * params.chunk; r < rows_end; r++) {
    let b = (r / params.oh) * params.groups + grp;
    let oy = r % params.oh;
    let iy = i32(oy * params.sh + ky * params.dh) - params.ph;
    if (!in_range(iy, params.h)) {
      continue;
    }
    let row = ((b * params.cin + ci) * params.h + u32(iy)) * params.w;
    let dyrow = (b * params.cout + co) * plane + oy * params.ow;
    if (UNIT_X) {
      open_window(row, ix0, true, true);
    }
    for (var ox = 0u; ox < params.ow; ox++) {
      if (!UNIT_X) {
        let ix = ix0 + i32(ox) * sw;
        lo = vec4<f32>(
          load_x(row, ix, true), load_x(row, ix + dw, true), load_x(row, ix + 2 * dw, true), load_x(row, ix + 3 * dw, true));
        hi = vec4<f32>(
          load_x(row, ix + 4 * dw, true), load_x(row, ix + 5 * dw, true), load_x(row, ix + 6 * dw, true),
          load_x(row, ix + 7 * dw, true));
      }
      let g = dy[dyrow + ox];
      a0l += lo * g;
      a0h += hi * g;
      if (UNIT_X) {
        slide(row, ix0, ox, true, true);
      }
    }
  }
  store(split_group * params.cout * params.cin * params.kh * params.kw + tap_row * params.kw, co, kx0, a0l, a0h);
}
