// common: index
// BatchNorm2d backward, pass 3 of 3, one thread per element. With M = N*H*W values per channel:
// training: dx = weight * invstd * (dy - dbias / M - xhat * dweight / M), since the batch statistics
// depend on x; eval: dx = weight * invstd * dy. dweight/dbias come from batch_norm2d_finalize_grads.
// Without AFFINE (affine=False) the weight is 1 and not read; dweight/dbias then hold the same sums in
// scratch buffers, as there are no parameters to write them to.
struct Params {
  total: u32,
  plane: u32,
  channels: u32,
  count: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read> mean: array<f32>;
@group(0) @binding(4) var<storage, read> invstd: array<f32>;
@group(0) @binding(5) var<storage, read> weight: array<f32>;
@group(0) @binding(6) var<storage, read> dweight: array<f32>;
@group(0) @binding(7) var<storage, read> dbias: array<f32>;
@group(0) @binding(8) var<storage, read_write> dx: array<f32>;

override TRAINING: bool = true;
override AFFINE: bool = true;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.total) {
    return;
  }
  let c = (i / params.plane) % params.channels;
  let r = invstd[c];
  var g = dy[i];
  if (TRAINING) {
    let inv_count = 1.0 / f32(params.count);
    let xhat = (x[i] - mean[c]) * r;
    g = g - dbias[c] * inv_count - xhat * (dweight[c] * inv_count);
  }
  if (AFFINE) {
    dx[i] = weight[c] * r * g;
  } else {
    dx[i] = r * g;
  }
}
