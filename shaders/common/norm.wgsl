// The elementwise passes of BatchNorm2d and GroupNorm, one thread per element of x [N, C, H, W] (total of
// them): plane = H*W, channels = C, count = the values each saved statistic covers (BatchNorm: a channel's
// N*H*W; GroupNorm: a (sample, group) row's (C/G)*H*W, contiguous in NCHW). Without AFFINE (affine=False)
// the weight is 1 and not read, though its binding must still hold a buffer.
struct Params {
  total: u32,
  plane: u32,
  channels: u32,
  count: u32,
}

@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> mean: array<f32>;
@group(0) @binding(3) var<storage, read> invstd: array<f32>;
@group(0) @binding(4) var<storage, read> weight: array<f32>;

override AFFINE: bool = true;

// The channel of element i.
fn channel_of(i: u32) -> u32 {
  return (i / params.plane) % params.channels;
}
