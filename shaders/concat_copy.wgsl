// common: concat
// Channel concat's copy (common/concat.wgsl), one float per thread.
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

fn copy(d: u32, s: u32) {
  dst[d] = src[s];
}
