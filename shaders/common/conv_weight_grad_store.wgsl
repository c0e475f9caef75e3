// Stores one output channel's kx block of a split-K weight-gradient kernel into its split's partials:
// kx0..kx0+KX_TILE-1 from lo (the first 4) and hi. The including kernel declares params, partial and the
// override KX_TILE. Kernels that fold the bias gradient in also store its partials with store_bias.
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

// The bias partials [splits, groups * cout] follow the weight partials from the next 64-float (256-byte)
// boundary, so that reduce_rows can bind them at a storage-buffer offset.
fn store_bias(split_group: u32, co: u32, v: f32) {
  if (co >= params.cout) {
    return;
  }
  let weights = params.splits * params.groups * params.cout * params.cin * params.kh * params.kw;
  partial[((weights + 63u) & ~63u) + split_group * params.cout + co] = v;
}
