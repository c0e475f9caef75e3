// common: index
// Split-K second pass: result[i] = sum_{s < splits} partial[s * count + i], always in the same order, so
// weight and bias gradients are bit-for-bit reproducible.
struct Params {
  count: u32,
  splits: u32,
}

@group(0) @binding(1) var<storage, read> partial: array<f32>;
@group(0) @binding(2) var<storage, read_write> result: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i >= params.count) {
    return;
  }
  var sum = 0.0;
  for (var s = 0u; s < params.splits; s++) {
    sum += partial[s * params.count + i];
  }
  result[i] = sum;
}
