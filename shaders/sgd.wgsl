// common: index flat lanes optimizer
// torch.optim.SGD (common/optimizer.wgsl). Per parameter, with the step count t:
//   g = grad + wd * p;  buf = (t == 1) ? g : momentum * buf + (1 - dampening) * g;
//   g = nesterov ? g + momentum * buf : buf;  p -= lr * g.   (No buffer when momentum == 0.)
struct Params {
  n4: u32,
  n: u32,
  lr: f32,
  momentum: f32,
  dampening: f32,
  weight_decay: f32,
  nesterov: u32,
}

@group(0) @binding(4) var<storage, read_write> momentum_buf: array<vec4<f32>>;

fn run(i: u32) {
  let p = param[i];
  var g = grad[i] + params.weight_decay * p;
  let mu = params.momentum;
  if (mu != 0.0) {
    var buf = g;
    if (step[0] > 1u) {
      buf = mu * momentum_buf[i] + (1.0 - params.dampening) * g;
    }
    // The state buffer is the optimizer's own: its padding lanes need no mask.
    momentum_buf[i] = buf;
    g = select(buf, g + mu * buf, params.nesterov != 0u);
  }
  store_param(i, p, p - params.lr * g);
}
