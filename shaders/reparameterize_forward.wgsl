// common: index flat hash
// A VAE's sampling step, one thread per latent value: the input row of sample b is [mu (d), log var (d)];
// in training z = mu + exp(log var / 2) * eps with eps = normal_noise(i, step, seed), in eval z = mu.
// The noise is a pure function of (i, step, seed), so the backward pass recomputes it (nothing is stored).
struct Params {
  n: u32,
  latent: u32,
  seed: u32,
  step: u32,
  training: u32,
  kl_scale: f32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

fn threads() -> u32 {
  return params.n;
}

fn run(i: u32) {
  let b = i / params.latent;
  let m = 2u * b * params.latent + (i - b * params.latent);
  var z = x[m];
  if (params.training != 0u) {
    z += exp(0.5 * x[m + params.latent]) * normal_noise(i, params.step, params.seed);
  }
  y[i] = z;
}
