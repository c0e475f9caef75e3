// The grid of the max_pool2d *_windows kernels, for windows that tile the input exactly (kernel = stride,
// no padding or dilation, h = oh * KH, w = ow * KW): x: groups of OUTS output columns, y: output row,
// z: n*c plane. It needs no integer division, which SwiftShader scalarises per lane. The entry file
// defines `one_window(base, first, o)`: the window whose first tap is element base + first of the input
// (first counted within the plane, as the argmax is) and whose output is element o.
struct Params {
  ow: u32,
  oh: u32,
  w: u32,
  planes: u32,
}

override KH: u32 = 2;
override KW: u32 = 2;
const OUTS: u32 = 4u;

// The thread's OUTS windows along its output row, unrolled by hand (SwiftShader's JIT does not unroll).
fn each_window(gid: vec3<u32>) {
  let oy = gid.y;
  let plane = gid.z;
  if (oy >= params.oh || plane >= params.planes) {
    return;
  }
  let ox0 = gid.x * OUTS;
  let base = plane * params.oh * KH * params.w;
  let first = oy * KH * params.w + ox0 * KW;
  let o = (plane * params.oh + oy) * params.ow + ox0;
  let left = params.ow - min(ox0, params.ow);
  if (left >= 1u) {
    one_window(base, first, o);
  }
  if (left >= 2u) {
    one_window(base, first + KW, o + 1u);
  }
  if (left >= 3u) {
    one_window(base, first + 2u * KW, o + 2u);
  }
  if (left >= 4u) {
    one_window(base, first + 3u * KW, o + 3u);
  }
}
