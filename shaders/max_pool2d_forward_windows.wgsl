// common: pool_windows
// max_pool2d forward when the windows tile the input exactly (LeNet's 2x2 pools), on the division-free
// grid of common/pool_windows.wgsl: each thread pools 4 windows of one output row; a 2x2 window is
// unrolled by hand. Argmax as iy * w + ix within the plane; PyTorch's rule: a later tap wins only if
// strictly greater (the first maximum wins ties) or NaN (the last NaN wins); `v > best` is false while
// best is NaN.
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> indices: array<u32>;

override WG_X: u32 = 1;
override WG_Y: u32 = 1;
override WG_Z: u32 = 64;

// Bit test, because compilers may fold v != v away under fast-math assumptions.
fn is_nan(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u;
}

fn one_window(base: u32, first: u32, o: u32) {
  var best = x[base + first];
  var arg = first;
  if (KH == 2u && KW == 2u) {
    let t1 = first + 1u;
    let t2 = first + params.w;
    let t3 = t2 + 1u;
    let v1 = x[base + t1];
    let v2 = x[base + t2];
    let v3 = x[base + t3];
    if (v1 > best || is_nan(v1)) {
      best = v1;
      arg = t1;
    }
    if (v2 > best || is_nan(v2)) {
      best = v2;
      arg = t2;
    }
    if (v3 > best || is_nan(v3)) {
      best = v3;
      arg = t3;
    }
  } else {
    for (var ky = 0u; ky < KH; ky++) {
      let row = first + ky * params.w;
      for (var kx = 0u; kx < KW; kx++) {
        let v = x[base + row + kx];
        if (v > best || is_nan(v)) {
          best = v;
          arg = row + kx;
        }
      }
    }
  }
  y[o] = best;
  indices[o] = arg;
}

@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  each_window(gid);
}
