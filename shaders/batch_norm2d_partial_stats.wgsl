// common: index flat norm_chunks
// BatchNorm2d statistics, pass 1 of 2: one thread per (channel, chunk) walks its chunk of the channel's
// values and writes the chunk's mean and sum of squared deviations (M2), two passes over the chunk for
// accuracy.
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> partial: array<f32>;

fn threads() -> u32 {
  return params.channels * params.chunks;
}

fn run(t: u32) {
  let c = t / params.chunks;
  let k = t % params.chunks;
  let len = chunk_length(k);
  let first = chunk_start(c, k);

  var sum = 0.0;
  var a = first.x;
  var s = first.y;
  for (var i = 0u; i < len; i++) {
    sum += x[a];
    advance(&a, &s);
  }
  let mean = sum / f32(len);

  var m2 = 0.0;
  a = first.x;
  s = first.y;
  for (var i = 0u; i < len; i++) {
    let d = x[a] - mean;
    m2 += d * d;
    advance(&a, &s);
  }
  partial[2u * t] = mean;
  partial[2u * t + 1u] = m2;
}
