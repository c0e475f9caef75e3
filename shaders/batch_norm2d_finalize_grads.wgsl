// common: index
// BatchNorm2d backward, pass 2 of 3, one thread per channel: sums the chunk partials in order into
// dbias = sum dy and dweight = sum dy * xhat (overwritten, as every backward pass writes its gradients).
struct Params {
  channels: u32,
  chunks: u32,
}

@group(0) @binding(1) var<storage, read> partial: array<f32>;
@group(0) @binding(2) var<storage, read_write> dweight: array<f32>;
@group(0) @binding(3) var<storage, read_write> dbias: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let c = gid.x;
  if (c >= params.channels) {
    return;
  }
  var sum_dy = 0.0;
  var sum_dy_xhat = 0.0;
  for (var k = 0u; k < params.chunks; k++) {
    let i = 2u * (c * params.chunks + k);
    sum_dy += partial[i];
    sum_dy_xhat += partial[i + 1u];
  }
  dbias[c] = sum_dy;
  dweight[c] = sum_dy_xhat;
}
