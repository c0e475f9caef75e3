// common: softmax
// Softmax backward from the forward output y: dx = y * (dy - sum over channels of dy * y). dx is overwritten.
@group(0) @binding(1) var<storage, read> y: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

fn run(base: u32) {
  let stride = params.inner;
  var dot = 0.0;
  for (var c = 0u; c < params.channels; c++) {
    let k = base + c * stride;
    dot += dy[k] * y[k];
  }
  for (var c = 0u; c < params.channels; c++) {
    let k = base + c * stride;
    dx[k] = y[k] * (dy[k] - dot);
  }
}
