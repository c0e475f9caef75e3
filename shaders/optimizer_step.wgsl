// Advances the optimizer's step count t on the GPU (one thread, dispatched before the update in the same
// pass), so no CPU write is needed per step; the update kernels read t for Adam's bias correction and
// SGD's first-step momentum.
@group(0) @binding(0) var<storage, read_write> step: array<u32>;

@compute @workgroup_size(1)
fn main() {
  step[0] = step[0] + 1u;
}
