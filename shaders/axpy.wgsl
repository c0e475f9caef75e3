// common: index flat
// y[i] += alpha * x[i]: accumulates one gradient or tensor into another (e.g. two loss terms).
struct Params {
  n: u32,
  alpha: f32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

fn threads() -> u32 {
  return params.n;
}

fn run(i: u32) {
  y[i] = y[i] + params.alpha * x[i];
}
