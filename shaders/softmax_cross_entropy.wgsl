// common: index flat logits
// Fused softmax cross-entropy, one thread per sample: loss_b = logsumexp(x_b) - x_b[label_b] (stable: the
// max is subtracted first), dlogits = (softmax(x_b) - onehot(label_b)) / batch (PyTorch's mean reduction).
// Writes per-sample loss and correctness (argmax == label, first maximum wins like torch.argmax) into
// `partial` = [loss_0..loss_{B-1}, correct_0..correct_{B-1}] for loss_accumulate; optionally the
// probabilities. A label >= classes gives a NaN loss, which the accumulator flags.
// SMOOTH (PyTorch's label_smoothing eps > 0): loss_b = (1 - eps) * (lse - x_b[label_b]) + eps * (lse - mean(x_b))
// (the second term is the mean over classes of -log p) and the target is (1 - eps) * onehot + eps / classes.
// Without SMOOTH the code is exactly the unsmoothed loss.
struct Params {
  batch: u32,
  classes: u32,
  inv_batch: f32,
  smoothing: f32,
}

@group(0) @binding(3) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(4) var<storage, read_write> probs: array<f32>;
@group(0) @binding(5) var<storage, read_write> partial: array<f32>;

override WRITE_PROBS: bool = false;
override SMOOTH: bool = false;

fn threads() -> u32 {
  return params.batch;
}

fn run(b: u32) {
  let classes = params.classes;
  let base = b * classes;
  let best = best_logit(base, 1u, classes);
  let mx = best.value;
  var sum = 0.0;
  var sum_logits = 0.0;
  for (var j = 0u; j < classes; j++) {
    sum += exp(logits[base + j] - mx);
    if (SMOOTH) {
      sum_logits += logits[base + j];
    }
  }
  let label = labels[b];
  let valid = label < classes;
  let picked = logits[base + min(label, classes - 1u)];
  var loss = select(bad_label_loss(label), mx + log(sum) - picked, valid);
  let eps = params.smoothing;
  if (SMOOTH) {
    loss = (1.0 - eps) * loss + eps * (mx + log(sum) - sum_logits / f32(classes));
  }
  let inv_sum = 1.0 / sum;
  for (var j = 0u; j < classes; j++) {
    let p = exp(logits[base + j] - mx) * inv_sum;
    if (WRITE_PROBS) {
      probs[base + j] = p;
    }
    if (SMOOTH) {
      dlogits[base + j] = (p - (select(0.0, 1.0 - eps, j == label) + eps / f32(classes))) * params.inv_batch;
    } else {
      dlogits[base + j] = (p - select(0.0, 1.0, j == label)) * params.inv_batch;
    }
  }
  partial[b] = loss;
  partial[params.batch + b] = select(0.0, 1.0, valid && best.index == label);
}
