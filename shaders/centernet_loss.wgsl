// common: index flat
// The detection head's loss (CenterNet): output and target are [B, K + 4, h, w] (K centre heatmaps, then box
// width, height and centre offset x, y), mask [B, h, w] is 1 at each object's centre cell, and count[0] is
// the number of objects N (at least 1 is used). Thread t takes cells t, t + parts, ... and for each:
//   heatmap k, p = sigmoid(x): target exactly 1: loss -(1-p)^2 log p, grad (1-p)^2 (2p log p - (1-p));
//   otherwise: loss -(1-y)^4 p^2 log(1-p), grad (1-y)^4 p^2 (p - 2(1-p) log(1-p)),
//   with log p = -softplus(-x) and log(1-p) = -softplus(x), finite for any logit;
//   box channel c: loss lambda_c m |x - t|, grad lambda_c m sign(x - t) (lambda: size_weight, offset_weight).
// Every loss and gradient is divided by N. The thread's summed loss goes to partial[t] and 0 to
// partial[parts + t] (no correct count) for loss_accumulate.
struct Params {
  cells: u32,
  plane: u32,
  classes: u32,
  parts: u32,
  size_weight: f32,
  offset_weight: f32,
}

@group(0) @binding(1) var<storage, read> output: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(3) var<storage, read> mask: array<f32>;
@group(0) @binding(4) var<storage, read> count: array<f32>;
@group(0) @binding(5) var<storage, read_write> grad: array<f32>;
@group(0) @binding(6) var<storage, read_write> partial: array<f32>;

fn softplus(x: f32) -> f32 {
  return max(x, 0.0) + log(1.0 + exp(-abs(x)));
}

fn threads() -> u32 {
  return params.parts;
}

fn run(t: u32) {
  let plane = params.plane;
  let classes = params.classes;
  let channels = classes + 4u;
  let inv = 1.0 / max(count[0], 1.0);
  var loss_sum = 0.0;
  for (var cell = t; cell < params.cells; cell += params.parts) {
    let base = (cell / plane) * channels * plane + cell % plane;
    for (var k = 0u; k < classes; k++) {
      let i = base + k * plane;
      let x = output[i];
      let y = targets[i];
      let e = exp(-abs(x));
      let p = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
      let q = 1.0 - p;
      if (y == 1.0) {
        let log_p = -softplus(-x);
        loss_sum -= q * q * log_p;
        grad[i] = q * q * (2.0 * p * log_p - q) * inv;
      } else {
        let log_q = -softplus(x);
        let w = (1.0 - y) * (1.0 - y) * (1.0 - y) * (1.0 - y);
        loss_sum -= w * p * p * log_q;
        grad[i] = w * p * p * (p - 2.0 * q * log_q) * inv;
      }
    }
    let m = mask[cell];
    for (var c = 0u; c < 4u; c++) {
      let i = base + (classes + c) * plane;
      let lambda = select(params.offset_weight, params.size_weight, c < 2u) * m;
      let d = output[i] - targets[i];
      loss_sum += lambda * abs(d);
      grad[i] = lambda * sign(d) * inv;
    }
  }
  partial[t] = loss_sum * inv;
  partial[params.parts + t] = 0.0;
}
