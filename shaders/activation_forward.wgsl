// y = f(x) elementwise for ReLU, LeakyReLU(slope), Sigmoid or Tanh (override ACT).
struct Params {
  n: u32,
  slope: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

override WG_X: u32 = 64;
// 0: relu, 1: leaky_relu, 2: sigmoid, 3: tanh.
override ACT: u32 = 0;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg, WG_X);
  if (i >= params.n) {
    return;
  }
  let v = x[i];
  var r: f32;
  switch ACT {
    case 0u: {
      r = max(v, 0.0);
    }
    case 1u: {
      r = select(params.slope * v, v, v > 0.0);
    }
    case 2u: {
      // exp(-v) overflows to inf for v < -88, giving exactly 0: no NaN.
      r = 1.0 / (1.0 + exp(-v));
    }
    default: {
      // Some tanh implementations compute inf/inf for large |v|; tanh(15) already rounds to 1 in f32.
      r = tanh(clamp(v, -15.0, 15.0));
    }
  }
  y[i] = r;
}
