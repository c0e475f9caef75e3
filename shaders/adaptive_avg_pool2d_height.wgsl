// common: plane_grid
// AdaptiveAvgPool2d forward, pass 2 of 2: y[p, oy, ox] = (sum over iy in rows' bin oy of rowsum[p, iy, ox])
// / bin height / bin width, divided in that order as PyTorch does. One thread per output pixel of a plane,
// striding over the planes. rowsum is [planes, h, ow] from adaptive_avg_pool2d_width, or x itself where
// every column bin is one column (ow = w).
@group(0) @binding(1) var<storage, read> rowsum: array<f32>;
// Rows' bins (oh of them), then columns' (ow): [start, end) each.
@group(0) @binding(2) var<storage, read> bins: array<vec2<u32>>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;

@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let ox = gid.x;
  let oy = gid.y;
  if (ox >= params.ow || oy >= params.oh) {
    return;
  }
  let rows = bins[oy];
  let cols = bins[params.oh + ox];
  let kh = f32(rows.y - rows.x);
  let kw = f32(cols.y - cols.x);
  for (var p = gid.z; p < params.planes; p += nwg.z * WG_Z) {
    var sum = 0.0;
    for (var iy = rows.x; iy < rows.y; iy++) {
      sum += rowsum[(p * params.h + iy) * params.ow + ox];
    }
    y[(p * params.oh + oy) * params.ow + ox] = sum / kh / kw;
  }
}
