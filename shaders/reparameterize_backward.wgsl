// common: index flat hash reparameterize
// The VAE sampling step's backward (common/reparameterize.wgsl), writing both of its inputs' gradients:
// in training d mu = dz + kl_scale * mu and d log var = dz * sigma * eps / 2 + kl_scale * (sigma^2 - 1) / 2
// (the second terms are the gradient of kl_scale * KL, KL = -1/2 sum(1 + log var - mu^2 - sigma^2)), with
// the forward's eps recomputed from (i, step, seed); in eval (z = mu) d mu = dz and d log var = 0.
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> dx: array<f32>;

fn run(i: u32) {
  let m = mu_index(i);
  if (params.training == 0u) {
    dx[m] = dy[i];
    dx[m + params.latent] = 0.0;
    return;
  }
  let k = params.kl_scale;
  let log_var = x[m + params.latent];
  let sigma = exp(0.5 * log_var);
  dx[m] = dy[i] + k * x[m];
  dx[m + params.latent] = 0.5 * dy[i] * sigma * noise(i) + 0.5 * k * (exp(log_var) - 1.0);
}
