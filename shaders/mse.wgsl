// common: index flat elementwise_loss
// Mean squared error: loss = sum((p - t)²) / n, dp = 2 (p - t) / n (grad_scale = 2 / n); no correct count.
@group(0) @binding(1) var<storage, read> pred: array<f32>;
@group(0) @binding(3) var<storage, read_write> dpred: array<f32>;

fn run(t: u32) {
  let range = chunk_of(t);
  var s = 0.0;
  for (var i = range.x; i < range.y; i++) {
    let d = pred[i] - targets[i];
    s += d * d;
    dpred[i] = params.grad_scale * d;
  }
  store_part(t, s, 0.0);
}
