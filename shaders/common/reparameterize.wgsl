// A VAE's sampling step z = mu + exp(log var / 2) * eps, one thread per latent value i of n: the input row
// of sample b is [mu (latent), log var (latent)], and eps = normal_noise(i, step, seed) (common/hash.wgsl) is
// a pure function of them, so the backward pass recomputes it (nothing is stored). training 0 is eval
// (z = mu); kl_scale weights the KL term's gradient in the backward pass.
struct Params {
  n: u32,
  latent: u32,
  seed: u32,
  step: u32,
  training: u32,
  kl_scale: f32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;

fn threads() -> u32 {
  return params.n;
}

// Index of latent value i's mu in x; its log var is latent further on.
fn mu_index(i: u32) -> u32 {
  let b = i / params.latent;
  return 2u * b * params.latent + (i - b * params.latent);
}

// Latent value i's eps.
fn noise(i: u32) -> f32 {
  return normal_noise(i, params.step, params.seed);
}
