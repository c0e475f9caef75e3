enable subgroups;
// Checks the lane layout the quad-sharing kernels rely on: subgroups are whole quads, and lanes 4i..4i+3
// of a subgroup are invocations 4m..4m+3 of the workgroup, so threads 4m..4m+3 can exchange values with
// subgroupShuffle. ok[i] = 1 where invocation i sees that layout.
@group(0) @binding(0) var<storage, read_write> ok: array<u32>;

override WG_X: u32 = 64;

@compute @workgroup_size(WG_X)
fn main(
  @builtin(local_invocation_index) i: u32,
  @builtin(subgroup_invocation_id) lane: u32,
  @builtin(subgroup_size) size: u32,
) {
  let leader = subgroupShuffle(i, lane & ~3u);
  ok[i] = select(0u, 1u, size % 4u == 0u && (lane & 3u) == (i & 3u) && leader == (i & ~3u));
}
