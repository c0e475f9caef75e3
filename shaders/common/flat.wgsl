// The entry point of the 1-D kernels that only guard their flat index: thread i runs the entry file's
// run(i) where i is below its threads(). Both are defined by the entry file; run inlines, so this costs
// nothing over writing the guard in each kernel.
@compute @workgroup_size(WG_X)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = flat_index(gid, nwg);
  if (i < threads()) {
    run(i);
  }
}
