// common: index
// out[j] = sum over r of x[r * cols + j], summed in row order: the deterministic reduction for split-K
// partials (matmul's slices, the conv weight and bias gradients' splits) and for the bias gradient
// db = sum over the batch of dy.
struct Params {
  rows: u32,
  cols: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let j = flat_index(gid, nwg);
  if (j >= params.cols) {
    return;
  }
  var s = 0.0;
  for (var r = 0u; r < params.rows; r++) {
    s += x[r * params.cols + j];
  }
  out[j] = s;
}
