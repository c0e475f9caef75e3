// common: index
// BatchNorm2d statistics, pass 2 of 2, one thread per channel. Training: merges the chunk (mean, M2) pairs in
// order with Chan et al.'s parallel formula, saves mean and invstd = 1/sqrt(biased var + eps) for the
// normalise and backward passes, and moves the running stats towards the mean and UNBIASED variance, as
// PyTorch does. Eval: saves the running mean and 1/sqrt(running var + eps) instead. Without UPDATE_RUNNING
// the running stats are left alone: GroupNorm's statistics are these on the [1, N*G, (C/G)*H*W] view.
struct Params {
  channels: u32,
  count: u32,
  chunks: u32,
  chunk_len: u32,
  eps: f32,
  momentum: f32,
}

@group(0) @binding(1) var<storage, read> partial: array<f32>;
@group(0) @binding(2) var<storage, read_write> running_mean: array<f32>;
@group(0) @binding(3) var<storage, read_write> running_var: array<f32>;
@group(0) @binding(4) var<storage, read_write> save_mean: array<f32>;
@group(0) @binding(5) var<storage, read_write> save_invstd: array<f32>;

override TRAINING: bool = true;
override UPDATE_RUNNING: bool = true;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let c = gid.x;
  if (c >= params.channels) {
    return;
  }
  if (!TRAINING) {
    save_mean[c] = running_mean[c];
    save_invstd[c] = 1.0 / sqrt(running_var[c] + params.eps);
    return;
  }
  var n = 0.0;
  var mean = 0.0;
  var m2 = 0.0;
  for (var k = 0u; k < params.chunks; k++) {
    let nb = f32(min(params.chunk_len, params.count - k * params.chunk_len));
    let i = 2u * (c * params.chunks + k);
    let delta = partial[i] - mean;
    let nab = n + nb;
    mean += delta * (nb / nab);
    m2 += partial[i + 1u] + delta * delta * (n * nb / nab);
    n = nab;
  }
  let count = f32(params.count);
  save_mean[c] = mean;
  save_invstd[c] = 1.0 / sqrt(m2 / count + params.eps);
  if (UPDATE_RUNNING) {
    let m = params.momentum;
    running_mean[c] = (1.0 - m) * running_mean[c] + m * mean;
    running_var[c] = (1.0 - m) * running_var[c] + m * (m2 / (count - 1.0));
  }
}
