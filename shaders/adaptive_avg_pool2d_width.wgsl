// common: plane_grid
// AdaptiveAvgPool2d forward, pass 1 of 2: sums each input row over every column bin,
// rowsum[p, iy, ox] = sum over ix in cols' bin ox of x[p, iy, ix]. One thread per (ox, iy) of a plane,
// striding over the planes. Splitting the 2-D bin into a row pass and a column pass keeps a thread's
// serial loads at a bin's width or height, not their product: global pooling of a 64 x 64 plane is 64
// threads of 64 loads, then one of 64, instead of one thread of 4096.
@group(0) @binding(1) var<storage, read> x: array<f32>;
// Rows' bins (oh of them), then columns' (ow): [start, end) each.
@group(0) @binding(2) var<storage, read> bins: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> rowsum: array<f32>;

@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let ox = gid.x;
  let iy = gid.y;
  if (ox >= params.ow || iy >= params.h) {
    return;
  }
  let bin = bins[params.oh + ox];
  for (var p = gid.z; p < params.planes; p += nwg.z * WG_Z) {
    let row = (p * params.h + iy) * params.w;
    var sum = 0.0;
    for (var ix = bin.x; ix < bin.y; ix++) {
      sum += x[row + ix];
    }
    rowsum[(p * params.h + iy) * params.ow + ox] = sum;
  }
}
