// common: index conv
// Split-K weight gradient, first pass: partial[s, co, k] = sum over the s-th chunk of (n, oy) rows and all
// ox of dy[n,co,oy,ox] * x[n,ci,oy*sh-ph+ky*dh, ox*sw-pw+kx*dw], with k = (ci*kh + ky)*kw + kx.
// Splitting the n*oh reduction gives small layers enough workgroups; reduce_rows then sums the
// partials in a fixed order, so the result is deterministic. Barrier-free 4 co x 4 k register tile.
// Grouped: a thread's rows are the images b*groups + grp of its group grp (see common/conv.wgsl), and its
// partials land in that group's block of the layer's weight gradient.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> partial: array<f32>;

struct Tap {
  plane: u32, // x offset of channel ci in image 0
  iy: i32, // input row for oy = 0
  ix: i32, // input column for ox = 0
}

fn tap(k: u32) -> Tap {
  let taps = params.kh * params.kw;
  let kk = min(k, params.cin * taps - 1u);
  let ci = kk / taps;
  let ky = (kk % taps) / params.kw;
  let kx = kk % params.kw;
  return Tap(ci * params.h * params.w, i32(ky * params.dh) - params.ph, i32(kx * params.dw) - params.pw);
}

// Start of the input row that tap t reads for output row oy of an image, or -1 when it is padding.
fn row_start(t: Tap, image: u32, oy: u32) -> i32 {
  let iy = t.iy + i32(oy * params.sh);
  return select(-1, i32(image + t.plane) + iy * i32(params.w), in_range(iy, params.h));
}

fn load_x(start: i32, ix: i32) -> f32 {
  let ok = start >= 0 && in_range(ix, params.w);
  return select(0.0, x[u32(max(start, 0)) + clamp_index(ix, params.w)], ok);
}

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let t = flat_index(gid, nwg);
  let ksize = params.cin * params.kh * params.kw;
  let k_blocks = (ksize + 3u) / 4u;
  let co_blocks = (params.cout + 3u) / 4u;
  if (t >= params.splits * params.groups * co_blocks * k_blocks) {
    return;
  }
  let k0 = (t % k_blocks) * 4u;
  let co0 = ((t / k_blocks) % co_blocks) * 4u;
  let split_group = t / k_blocks / co_blocks;
  let grp = split_group % params.groups;
  let s = split_group / params.groups;
  let t0 = tap(k0);
  let t1 = tap(k0 + 1u);
  let t2 = tap(k0 + 2u);
  let t3 = tap(k0 + 3u);
  let last = params.cout - 1u;
  let plane = params.oh * params.ow;
  let d0 = min(co0, last) * plane;
  let d1 = min(co0 + 1u, last) * plane;
  let d2 = min(co0 + 2u, last) * plane;
  let d3 = min(co0 + 3u, last) * plane;

  var a0 = vec4<f32>(0.0);
  var a1 = vec4<f32>(0.0);
  var a2 = vec4<f32>(0.0);
  var a3 = vec4<f32>(0.0);
  let rows_end = min((s + 1u) * params.chunk, (params.n / params.groups) * params.oh);
  for (var r = s * params.chunk; r < rows_end; r++) {
    let b = (r / params.oh) * params.groups + grp;
    let oy = r % params.oh;
    let image = b * params.cin * params.h * params.w;
    let dyrow = b * params.cout * plane + oy * params.ow;
    let s0 = row_start(t0, image, oy);
    let s1 = row_start(t1, image, oy);
    let s2 = row_start(t2, image, oy);
    let s3 = row_start(t3, image, oy);
    for (var ox = 0u; ox < params.ow; ox++) {
      let ix = i32(ox * params.sw);
      let xv = vec4<f32>(load_x(s0, t0.ix + ix), load_x(s1, t1.ix + ix), load_x(s2, t2.ix + ix), load_x(s3, t3.ix + ix));
      let o = dyrow + ox;
      a0 += xv * dy[o + d0];
      a1 += xv * dy[o + d1];
      a2 += xv * dy[o + d2];
      a3 += xv * dy[o + d3];
    }
  }
  let out = split_group * params.cout * ksize;
  let acc = array<vec4<f32>, 4>(a0, a1, a2, a3);
  for (var c = 0u; c < 4u; c++) {
    for (var j = 0u; j < 4u; j++) {
      if (co0 + c < params.cout && k0 + j < ksize) {
        partial[out + (co0 + c) * ksize + k0 + j] = acc[c][j];
      }
    }
  }
}
