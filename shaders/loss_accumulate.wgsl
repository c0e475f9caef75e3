// One thread adds this batch's loss into the accumulator, summing partials in a fixed order (deterministic):
//   acc[0] += scale * sum(partial[0..count))   the batch's summed per-sample loss
//   acc[1] += scale * sum(partial[count..2*count))  correct predictions (scaled like the loss, so an
//                                              elementwise loss counts the fraction of elements × batch)
//   acc[2] += samples                          samples seen
//   acc[3] += 1 if the batch loss is NaN or ±Inf (tested on the bits, immune to fast-math)
// The trainer clears acc with encoder.clearBuffer and reads it back only every N steps.
struct Params {
  count: u32,
  scale: f32,
  samples: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> partial: array<f32>;
@group(0) @binding(2) var<storage, read_write> acc: array<f32>;

@compute @workgroup_size(1)
fn main() {
  var loss = 0.0;
  var correct = 0.0;
  for (var i = 0u; i < params.count; i++) {
    loss += partial[i];
    correct += partial[params.count + i];
  }
  loss *= params.scale;
  acc[0] += loss;
  acc[1] += correct * params.scale;
  acc[2] += params.samples;
  if ((bitcast<u32>(loss) & 0x7f800000u) == 0x7f800000u) {
    acc[3] += 1.0;
  }
}
