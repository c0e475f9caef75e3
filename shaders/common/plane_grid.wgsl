// The grid and uniforms of the per-plane image kernels (upsample, adaptive average pooling): x along a row,
// y down the rows, z over the planes (ops/plane-grid.ts), each thread striding z over the n*c planes, so any
// batch fits. Input planes are h x w, output planes oh x ow.
struct Params {
  planes: u32,
  h: u32,
  w: u32,
  oh: u32,
  ow: u32,
}

@group(0) @binding(0) var<uniform> params: Params;

override WG_X: u32 = 64;
override WG_Y: u32 = 1;
override WG_Z: u32 = 1;

// upsample's taps of one output index (ops/upsample-geometry.ts): input indices i0, i1, their weights l0, l1.
struct Tap {
  i0: u32,
  i1: u32,
  l0: f32,
  l1: f32,
}
