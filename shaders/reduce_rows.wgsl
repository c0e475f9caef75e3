// common: index flat
// out[j] = sum over r of x[r * cols + j], summed in row order: the deterministic reduction for split-K
// partials (matmul's slices, the conv weight and bias gradients' splits) and for the bias gradient
// db = sum over the batch of dy.
struct Params {
  rows: u32,
  cols: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

fn threads() -> u32 {
  return params.cols;
}

fn run(j: u32) {
  var s = 0.0;
  for (var r = 0u; r < params.rows; r++) {
    s += x[r * params.cols + j];
  }
  out[j] = s;
}
