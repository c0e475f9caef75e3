// common: index flat lanes optimizer
// torch.optim.Adam (L2 weight decay added to the gradient) or AdamW (DECOUPLED: p *= 1 - lr*wd) over the
// flat parameter buffer (common/optimizer.wgsl). Per parameter, with bias correction by the step count t:
//   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g²;  p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
struct Params {
  n4: u32,
  n: u32,
  lr: f32,
  beta1: f32,
  beta2: f32,
  eps: f32,
  weight_decay: f32,
}

@group(0) @binding(4) var<storage, read_write> exp_avg: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> exp_avg_sq: array<vec4<f32>>;

override DECOUPLED: bool = false;

fn run(i: u32) {
  let t = f32(step[0]);
  let p0 = param[i];
  var p = p0;
  var g = grad[i];
  if (DECOUPLED) {
    p *= 1.0 - params.lr * params.weight_decay;
  } else {
    g += params.weight_decay * p;
  }
  // The state buffers are the optimizer's own: their padding lanes need no mask.
  let m = params.beta1 * exp_avg[i] + (1.0 - params.beta1) * g;
  let v = params.beta2 * exp_avg_sq[i] + (1.0 - params.beta2) * g * g;
  exp_avg[i] = m;
  exp_avg_sq[i] = v;
  let bc1 = 1.0 - pow(params.beta1, t);
  let bc2 = 1.0 - pow(params.beta2, t);
  let updated = p - (params.lr / bc1) * m / (sqrt(v) / sqrt(bc2) + params.eps);
  store_param(i, p0, updated);
}
