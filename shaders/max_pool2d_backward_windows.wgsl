// max_pool2d backward when the windows tile the input exactly (kernel = stride, no padding or dilation,
// h = oh * kh, w = ow * kw; LeNet's 2x2 pools): every input element lies in exactly one window, so one
// thread per output element writes its whole window (dy at the saved argmax, 0 elsewhere). A quarter of
// the threads of the gather form for 2x2 windows, and no window search. RELU_MASK also applies the
// backward of a ReLU before the pool: its gradient passes where its output, here the pooled max y, is > 0.
struct Params {
  total: u32,
  h: u32,
  w: u32,
  oh: u32,
  ow: u32,
  kh: u32,
  kw: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> indices: array<u32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;
@group(0) @binding(4) var<storage, read> y: array<f32>;

override WG_X: u32 = 64;
override RELU_MASK: bool = false;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let o = flat_index(gid, nwg, WG_X);
  if (o >= params.total) {
    return;
  }
  let plane_out = params.oh * params.ow;
  let within = o % plane_out;
  let oy = within / params.ow;
  let ox = within % params.ow;
  let base = (o / plane_out) * params.h * params.w;
  let argmax = indices[o];
  var g = dy[o];
  if (RELU_MASK) {
    g = select(0.0, g, y[o] > 0.0);
  }
  for (var ky = 0u; ky < params.kh; ky++) {
    let row = (oy * params.kh + ky) * params.w + ox * params.kw;
    for (var kx = 0u; kx < params.kw; kx++) {
      dx[base + row + kx] = select(0.0, g, row + kx == argmax);
    }
  }
}
