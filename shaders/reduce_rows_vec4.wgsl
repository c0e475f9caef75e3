// common: index flat
// reduce_rows where cols is a multiple of 4: 4 columns (one vec4) per thread, summed in row order like
// the one-column kernel, so the results are the same. On SwiftShader the per-thread cost dominates this
// load-bound kernel. params.cols counts vec4s.
struct Params {
  rows: u32,
  cols: u32,
}

@group(0) @binding(1) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<f32>>;

fn threads() -> u32 {
  return params.cols;
}

fn run(j: u32) {
  var s = vec4<f32>(0.0);
  for (var r = 0u; r < params.rows; r++) {
    s += x[r * params.cols + j];
  }
  out[j] = s;
}
