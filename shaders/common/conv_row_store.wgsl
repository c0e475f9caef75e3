// Stores one output channel's row block of a direct conv2d forward kernel: columns ox0..ox0+X_TILE-1 from
// lo (the first 4) and hi, after bias and ReLU; a channel or row past the output stores nothing. It follows
// common/conv_forward; the including kernel declares RELU and X_TILE.
fn store(b: u32, co: u32, oy: u32, ox0: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (co >= params.cout || oy >= params.oh) {
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
    if (4u + j < X_TILE && ox0 + 4u + j < params.ow) {
      y[base + 4u + j] = vh[j];
    }
  }
}
