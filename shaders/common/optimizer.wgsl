// The optimizers' update over the flat parameter buffer, 4 parameters (one vec4) per thread: on SwiftShader
// the per-thread cost dominates an elementwise kernel. params.n4 counts vec4s (threads), params.n parameters;
// lanes past n keep their values (live_lanes). step holds the step count t (optimizer_step advances it).
@group(0) @binding(1) var<storage, read> step: array<u32>;
@group(0) @binding(2) var<storage, read> grad: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> param: array<vec4<f32>>;

fn threads() -> u32 {
  return params.n4;
}

// Writes vec4 i of the parameters, keeping the old value p0 in lanes past n.
fn store_param(i: u32, p0: vec4<f32>, updated: vec4<f32>) {
  param[i] = select(p0, updated, live_lanes(i, params.n));
}
