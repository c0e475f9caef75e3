// Stores one output channel's kx block of a split-K weight-gradient kernel into its split's partials:
// kx0..kx0+KX_TILE-1 from lo (the first 4) and hi. The including kernel declares params, partial and the
// override KX_TILE.
fn store(base: u32, co: u32, kx0: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (co >= params.cout) {
    return;
  }
  let ksize = params.cin * params.kh * params.kw;
  for (var j = 0u; j < 4u; j++) {
    if (kx0 + j < params.kw) {
      partial[base + co * ksize + kx0 + j] = lo[j];
    }
    if (4u + j < KX_TILE && kx0 + 4u + j < params.kw) {
      partial[base + co * ksize + kx0 + 4u + j] = hi[j];
    }
  }
}
