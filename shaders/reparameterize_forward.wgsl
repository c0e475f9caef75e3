// common: index flat hash reparameterize
// A VAE's sampling step (common/reparameterize.wgsl): in training z = mu + exp(log var / 2) * eps, in eval
// z = mu.
@group(0) @binding(2) var<storage, read_write> y: array<f32>;

fn run(i: u32) {
  let m = mu_index(i);
  var z = x[m];
  if (params.training != 0u) {
    z += exp(0.5 * x[m + params.latent]) * noise(i);
  }
  y[i] = z;
}
