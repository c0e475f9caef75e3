// Elementwise activations and their derivatives, shared by the activation kernels (override ACT; 0: relu,
// 1: leaky_relu, 2: sigmoid, 3: tanh, 4: gelu (exact erf), 5: gelu_tanh, 6: silu, 7: elu). On vec4, for the
// kernels that take 4 elements a thread; the one-element kernels splat (odd sizes only).
struct Params {
  n: u32,
  // LeakyReLU's negative slope.
  slope: f32,
  // ELU's alpha.
  alpha: f32,
}

override ACT: u32 = 0;

const SQRT1_2: f32 = 0.7071067811865476;
// 1/√(2π), the standard normal density at 0.
const NORMAL_PDF_0: f32 = 0.3989422804014327;
// GELU's tanh approximation, ½x (1 + tanh(β (x + κ x³))), with PyTorch's β = √(2/π) and κ.
const GELU_TANH_BETA: f32 = 0.7978845608028654;
const GELU_TANH_KAPPA: f32 = 0.044715;

// erfc(z) for z >= 0 (WGSL has no erf): Numerical Recipes in C, 2nd ed. (Press et al. 1992), §6.2, erfcc,
// a Chebyshev fit erfc z = t exp(-z² - 1.26551223 + t P(t)) with t = 1 / (1 + z/2), relative error
// below 1.2e-7 for every z.
fn erfc_nr(z: vec4<f32>) -> vec4<f32> {
  let t = 1.0 / (1.0 + 0.5 * z);
  var p = 0.17087277 * t - 0.82215223;
  p = p * t + 1.48851587;
  p = p * t - 1.13520398;
  p = p * t + 0.27886807;
  p = p * t - 0.18628806;
  p = p * t + 0.09678418;
  p = p * t + 0.37409196;
  p = p * t + 1.00002368;
  return t * exp(-z * z - 1.26551223 + t * p);
}

// 1 + erf(v), the doubled normal CDF at v√2. Below |v| = 0.75 erf's Maclaurin series
// 2/√π Σ (-1)^n v^(2n+1) / (n! (2n+1)) to n = 8 (the next term is under 1e-9); above, erfc_nr: 2 - erfc(v)
// for v > 0 and erfc(-v) itself for v < 0, so GELU's negative tail keeps its relative accuracy. In f32
// (emulated against float64 erf over [-6, 6]) erf's error stays under 1.3e-7, plus where a GPU's exp is
// looser than correctly rounded.
fn one_plus_erf(v: vec4<f32>) -> vec4<f32> {
  let s = v * v;
  var p = 1.6462114365889248e-06 * s - 1.4925650358406252e-05;
  p = p * s + 0.00012055332981789665;
  p = p * s - 0.0008548327023450853;
  p = p * s + 0.005223977625442188;
  p = p * s - 0.026866170645131252;
  p = p * s + 0.11283791670955128;
  p = p * s - 0.37612638903183754;
  p = p * s + 1.1283791670955126;
  let tail = erfc_nr(abs(v));
  let outer = select(2.0 - tail, tail, v < vec4<f32>(0.0));
  return select(outer, 1.0 + v * p, abs(v) < vec4<f32>(0.75));
}

// β (x + κ x³), the argument of GELU's tanh approximation.
fn gelu_tanh_arg(v: vec4<f32>) -> vec4<f32> {
  return GELU_TANH_BETA * (v + GELU_TANH_KAPPA * v * v * v);
}

fn sigmoid(v: vec4<f32>) -> vec4<f32> {
  // exp(-v) overflows to inf for v < -88, giving exactly 0: no NaN.
  return 1.0 / (1.0 + exp(-v));
}

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
      return sigmoid(v);
    }
    case 3u: {
      // Some tanh implementations compute inf/inf for large |v|; tanh(15) already rounds to 1 in f32.
      return tanh(clamp(v, vec4<f32>(-15.0), vec4<f32>(15.0)));
    }
    case 4u: {
      return 0.5 * v * one_plus_erf(v * SQRT1_2);
    }
    case 5u: {
      // ½x (1 + tanh u) = x σ(2u): no cancellation in 1 + tanh u where u << 0.
      return v * sigmoid(2.0 * gelu_tanh_arg(v));
    }
    case 6u: {
      return v * sigmoid(v);
    }
    default: {
      return select(params.alpha * (exp(v) - 1.0), v, v > vec4<f32>(0.0));
    }
  }
}

// dx = dy * f'(.), with s the forward input x for ReLU/LeakyReLU (PyTorch: the gradient at x = 0 is the
// negative side's), GELU, GELU-tanh, SiLU and ELU (PyTorch's non-inplace ELU: alpha at x = 0), or the
// forward output y for Sigmoid (y(1-y)) and Tanh (1-y²). With slope >= 0, y > 0 exactly when x > 0, so the
// output works for ReLU/LeakyReLU too (used after a fused Linear+ReLU).
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
    case 3u: {
      return g * (1.0 - s * s);
    }
    case 4u: {
      // d/dx x Φ(x) = Φ(x) + x φ(x).
      return g * (0.5 * one_plus_erf(s * SQRT1_2) + s * NORMAL_PDF_0 * exp(-0.5 * s * s));
    }
    case 5u: {
      // d/dx x σ(2u) = σ(2u) + 2x σ(2u) σ(-2u) u', u = β(x + κx³), u' = β(1 + 3κx²); that is PyTorch's
      // ½(1 + tanh u) + ½x (1 - tanh² u) u', with 1 - σ(2u) taken as σ(-2u) to avoid cancellation.
      let u = gelu_tanh_arg(s);
      let p = sigmoid(2.0 * u);
      let du = GELU_TANH_BETA * (1.0 + 3.0 * GELU_TANH_KAPPA * s * s);
      return g * (p + 2.0 * s * p * sigmoid(-2.0 * u) * du);
    }
    case 6u: {
      // d/dx x σ(x) = σ(x) (1 + x σ(-x)), σ(-x) = 1 - σ(x) without its cancellation for x >> 0.
      return g * sigmoid(s) * (1.0 + s * sigmoid(-s));
    }
    default: {
      return select(g * params.alpha * exp(s), g, s > vec4<f32>(0.0));
    }
  }
}
