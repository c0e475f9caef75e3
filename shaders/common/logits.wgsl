// The classification kernels' inputs: logits, `classes` values a sample (or pixel) `stride` apart from its
// base, and one label a sample (or pixel).
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;

struct Best {
  value: f32,
  index: u32,
}

// The largest logit and its class; the first maximum wins, as in torch.argmax.
fn best_logit(base: u32, stride: u32, classes: u32) -> Best {
  var best = Best(logits[base], 0u);
  for (var j = 1u; j < classes; j++) {
    let v = logits[base + j * stride];
    if (v > best.value) {
      best = Best(v, j);
    }
  }
  return best;
}

// A quiet NaN loss for a label past the classes; OR-ing in the label keeps it a run-time value (a constant
// NaN is rejected).
fn bad_label_loss(label: u32) -> f32 {
  return bitcast<f32>(0x7fc00000u | label);
}
