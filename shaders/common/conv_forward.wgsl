// The bindings of the conv kernels that write y from x and weight, forward and transposed (bias added where
// HAS_BIAS).
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> weight: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;

override HAS_BIAS: bool = true;
