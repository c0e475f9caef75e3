// common: index flat logits
// Per-pixel softmax cross-entropy (nn.CrossEntropyLoss on logits [B, K, H, W] and labels [B, H, W]), mean over
// the B*H*W pixels. Thread t takes pixels t, t + parts, t + 2*parts, ... (neighbouring threads read
// neighbouring pixels) and, for each, the K logits a plane apart: loss = logsumexp - x[label] (stable, the max
// subtracted first), dlogits = (softmax - onehot) / pixels; with SMOOTH (label_smoothing eps > 0) the loss is
// (1 - eps) * that + eps * (logsumexp - mean(x)) and the target (1 - eps) * onehot + eps / K. It writes its
// pixels' summed loss and correct count (argmax == label, first maximum wins) into partial = [loss_0 ..
// loss_{parts-1}, correct_0 .. correct_{parts-1}] for loss_accumulate; optionally the probabilities. A label
// >= K gives a NaN loss, which the accumulator flags. With WEIGHTED (PyTorch's weight=w, reduction='none', then
// the mean over pixels) each pixel's loss and gradient are multiplied by w[label].
struct Params {
  pixels: u32,
  plane: u32,
  classes: u32,
  parts: u32,
  inv_pixels: f32,
  smoothing: f32,
}

@group(0) @binding(3) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(4) var<storage, read_write> probs: array<f32>;
@group(0) @binding(5) var<storage, read_write> partial: array<f32>;
@group(0) @binding(6) var<storage, read> weights: array<f32>;

override WRITE_PROBS: bool = false;
override SMOOTH: bool = false;
override WEIGHTED: bool = false;

fn threads() -> u32 {
  return params.parts;
}

fn run(t: u32) {
  let classes = params.classes;
  let plane = params.plane;
  let eps = params.smoothing;
  var loss_sum = 0.0;
  var correct = 0.0;
  for (var px = t; px < params.pixels; px += params.parts) {
    let base = (px / plane) * classes * plane + px % plane;
    let best = best_logit(base, plane, classes);
    let mx = best.value;
    var sum = 0.0;
    var sum_logits = 0.0;
    for (var j = 0u; j < classes; j++) {
      let v = logits[base + j * plane];
      sum += exp(v - mx);
      sum_logits += v;
    }
    let label = labels[px];
    let valid = label < classes;
    let lse = mx + log(sum);
    var loss = select(bad_label_loss(label), lse - logits[base + min(label, classes - 1u) * plane], valid);
    if (SMOOTH) {
      loss = (1.0 - eps) * loss + eps * (lse - sum_logits / f32(classes));
    }
    var scale = params.inv_pixels;
    if (WEIGHTED) {
      let w = weights[min(label, classes - 1u)];
      loss *= w;
      scale *= w;
    }
    loss_sum += loss;
    correct += select(0.0, 1.0, valid && best.index == label);
    let inv_sum = 1.0 / sum;
    for (var j = 0u; j < classes; j++) {
      let i = base + j * plane;
      let p = exp(logits[i] - mx) * inv_sum;
      if (WRITE_PROBS) {
        probs[i] = p;
      }
      var want = select(0.0, 1.0, j == label);
      if (SMOOTH) {
        want = select(0.0, 1.0 - eps, j == label) + eps / f32(classes);
      }
      dlogits[i] = (p - want) * scale;
    }
  }
  partial[t] = loss_sum;
  partial[params.parts + t] = correct;
}
