// common: concat
// concat_copy where the run length, both row lengths and both offsets are multiples of 4 (an image's
// H*W usually is): one vec4 per thread, every params field counted in vec4s.
@group(0) @binding(1) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> dst: array<vec4<f32>>;

fn copy(d: u32, s: u32) {
  dst[d] = src[s];
}
