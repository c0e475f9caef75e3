// Elementwise activations and their derivatives, shared by the activation kernels (override ACT; 0: relu,
// 1: leaky_relu, 2: sigmoid, 3: tanh). On vec4, for the kernels that take 4 elements a thread; the
// one-element kernels splat (odd sizes only).
struct Params {
  n: u32,
  slope: f32,
}

override ACT: u32 = 0;

// y = f(x).
fn act(v: vec4<f32>) -> vec4<f32> {
  switch ACT {
    case 0u: {
      return max(v, vec4<f32>(0.0));
    }
    case 1u: {
      return select(params.slope * v, v, v > vec4<f32>(0.0));
    }
    case 2u: {
      // exp(-v) overflows to inf for v < -88, giving exactly 0: no NaN.
      return 1.0 / (1.0 + exp(-v));
    }
    default: {
      // Some tanh implementations compute inf/inf for large |v|; tanh(15) already rounds to 1 in f32.
      return tanh(clamp(v, vec4<f32>(-15.0), vec4<f32>(15.0)));
    }
  }
}

// dx = dy * f'(.), with s the forward input x for ReLU/LeakyReLU (PyTorch: the gradient at x = 0 is the
// negative side's) or the forward output y for Sigmoid (y(1-y)) and Tanh (1-y²). With slope >= 0, y > 0
// exactly when x > 0, so the output works for ReLU/LeakyReLU too (used after a fused Linear+ReLU).
fn act_grad(s: vec4<f32>, g: vec4<f32>) -> vec4<f32> {
  switch ACT {
    case 0u: {
      return select(vec4<f32>(0.0), g, s > vec4<f32>(0.0));
    }
    case 1u: {
      return select(params.slope * g, g, s > vec4<f32>(0.0));
    }
    case 2u: {
      return g * s * (1.0 - s);
    }
    default: {
      return g * (1.0 - s * s);
    }
  }
}
