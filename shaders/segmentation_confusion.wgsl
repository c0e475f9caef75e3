// common: index flat logits
// Per-pixel argmax (first maximum) of logits [B, K, H, W] against labels [B, H, W], counted into
// confusion[label * K + predicted] (labels >= K are skipped). Thread t takes pixels t, t + parts, ...
// Integer atomic adds: the counts do not depend on the order they arrive in, so the result is exact and
// the same every time. With WRITE_PRED, predicted[pixel] gets the class (for the overlays).
struct Params {
  pixels: u32,
  plane: u32,
  classes: u32,
  parts: u32,
}

@group(0) @binding(3) var<storage, read_write> confusion: array<atomic<u32>>;
@group(0) @binding(4) var<storage, read_write> predicted: array<u32>;

override WRITE_PRED: bool = false;

fn threads() -> u32 {
  return params.parts;
}

fn run(t: u32) {
  let classes = params.classes;
  let plane = params.plane;
  for (var px = t; px < params.pixels; px += params.parts) {
    let base = (px / plane) * classes * plane + px % plane;
    let arg = best_logit(base, plane, classes).index;
    if (WRITE_PRED) {
      predicted[px] = arg;
    }
    let label = labels[px];
    if (label < classes) {
      atomicAdd(&confusion[label * classes + arg], 1u);
    }
  }
}
