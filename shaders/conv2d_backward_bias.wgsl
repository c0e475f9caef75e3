// common: index flat
// Split-K bias gradient, first pass: partial[s, c] = sum of dy[b, c, p] over the s-th chunk of the
// flattened (b, p) range, p < plane. Splitting gives few-channel layers enough workgroups; the fixed-order
// second pass (reduce_rows) makes the sum deterministic.
struct Params {
  n: u32,
  channels: u32,
  plane: u32,
  splits: u32,
  chunk: u32,
}

@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read_write> partial: array<f32>;

fn threads() -> u32 {
  return params.splits * params.channels;
}

fn run(t: u32) {
  let c = t % params.channels;
  let s = t / params.channels;
  let start = s * params.chunk;
  let end = min(start + params.chunk, params.n * params.plane);
  // Walk (b, p) with counters: no integer division per element (slow on CPUs).
  var b = start / params.plane;
  var p = start % params.plane;
  var sum = 0.0;
  for (var l = start; l < end; l++) {
    sum += dy[(b * params.channels + c) * params.plane + p];
    p++;
    if (p == params.plane) {
      p = 0u;
      b++;
    }
  }
  partial[s * params.channels + c] = sum;
}
