// common: softmax
// Softmax forward, stable: the max is subtracted before exp; then y = exp(x - max) * (1 / sum), as PyTorch's
// CPU kernel does.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

fn run(base: u32) {
  let stride = params.inner;
  var mx = x[base];
  for (var c = 1u; c < params.channels; c++) {
    mx = max(mx, x[base + c * stride]);
  }
  var sum = 0.0;
  for (var c = 0u; c < params.channels; c++) {
    sum += exp(x[base + c * stride] - mx);
  }
  let inv_sum = 1.0 / sum;
  for (var c = 0u; c < params.channels; c++) {
    let k = base + c * stride;
    y[k] = exp(x[k] - mx) * inv_sum;
  }
}
