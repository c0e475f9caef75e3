// dx = dy * f'(.) elementwise. `saved` is the forward input x for ReLU/LeakyReLU (PyTorch: the gradient at
// x = 0 is the negative side's) or the forward output y for Sigmoid (y(1-y)) and Tanh (1-y²). With slope >= 0,
// y > 0 exactly when x > 0, so the output works for ReLU/LeakyReLU too (used after a fused Linear+ReLU).
struct Params {
  n: u32,
  slope: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> saved: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

override WG_X: u32 = 64;
// 0: relu, 1: leaky_relu, 2: sigmoid, 3: tanh.
override ACT: u32 = 0;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg, WG_X);
  if (i >= params.n) {
    return;
  }
  let s = saved[i];
  let g = dy[i];
  var r: f32;
  switch ACT {
    case 0u: {
      r = select(0.0, g, s > 0.0);
    }
    case 1u: {
      r = select(params.slope * g, g, s > 0.0);
    }
    case 2u: {
      r = g * s * (1.0 - s);
    }
    default: {
      r = g * (1.0 - s * s);
    }
  }
  dx[i] = r;
}
