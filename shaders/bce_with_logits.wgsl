// common: index flat elementwise_loss
// Binary cross-entropy on logits, in the stable form
//   l = max(x, 0) - x t + log(1 + exp(-|x|)),   dx = (sigmoid(x) - t) / n   (grad_scale = 1 / n);
// correct counts the elements with (x > 0) == (t > 0.5).
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(3) var<storage, read_write> dlogits: array<f32>;

fn run(t: u32) {
  let range = chunk_of(t);
  var s = 0.0;
  var correct = 0.0;
  for (var i = range.x; i < range.y; i++) {
    let x = logits[i];
    let y = targets[i];
    let e = exp(-abs(x));
    s += max(x, 0.0) - x * y + log(1.0 + e);
    // sigmoid(x) from e = exp(-|x|), which never overflows.
    let sig = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
    dlogits[i] = (sig - y) * params.grad_scale;
    correct += select(0.0, 1.0, (x > 0.0) == (y > 0.5));
  }
  store_part(t, s, correct);
}
