// common: index flat
// Decodes the detection head's output [B, K + 4, h, w] per cell, one thread per cell: among the classes
// whose heatmap logit is a local maximum (at least each of its 8 neighbours', CenterNet's 3x3 max-pool test;
// sigmoid keeps the order) the one with the highest logit (first on ties) gives the score sigmoid(logit);
// its box in input pixels has centre ((x + offset_x) * stride, (y + offset_y) * stride) and size
// (w, h) * stride. decoded[cell] = (score, class, x0, y0, x1, y1), all 0 where no class peaks.
struct Params {
  cells: u32,
  width: u32,
  height: u32,
  classes: u32,
  stride: f32,
}

@group(0) @binding(1) var<storage, read> output: array<f32>;
@group(0) @binding(2) var<storage, read_write> decoded: array<f32>;

fn threads() -> u32 {
  return params.cells;
}

fn run(cell: u32) {
  let w = params.width;
  let h = params.height;
  let plane = w * h;
  let classes = params.classes;
  let b = cell / plane;
  let s = cell % plane;
  let y = i32(s / w);
  let x = i32(s % w);
  let channels = classes + 4u;
  var best = -1;
  var best_logit = 0.0;
  for (var k = 0u; k < classes; k++) {
    let base = (b * channels + k) * plane;
    let v = output[base + s];
    var peak = true;
    for (var dy = -1; dy <= 1; dy++) {
      for (var dx = -1; dx <= 1; dx++) {
        let ny = y + dy;
        let nx = x + dx;
        if (ny >= 0 && ny < i32(h) && nx >= 0 && nx < i32(w) && output[base + u32(ny) * w + u32(nx)] > v) {
          peak = false;
        }
      }
    }
    if (peak && (best < 0 || v > best_logit)) {
      best = i32(k);
      best_logit = v;
    }
  }
  let o = cell * 6u;
  if (best < 0) {
    for (var j = 0u; j < 6u; j++) {
      decoded[o + j] = 0.0;
    }
    return;
  }
  let reg = (b * channels + classes) * plane + s;
  let stride = params.stride;
  let cx = (f32(x) + output[reg + 2u * plane]) * stride;
  let cy = (f32(y) + output[reg + 3u * plane]) * stride;
  let half_w = output[reg] * stride * 0.5;
  let half_h = output[reg + plane] * stride * 0.5;
  let e = exp(-abs(best_logit));
  decoded[o] = select(e / (1.0 + e), 1.0 / (1.0 + e), best_logit >= 0.0);
  decoded[o + 1u] = f32(best);
  decoded[o + 2u] = cx - half_w;
  decoded[o + 3u] = cy - half_h;
  decoded[o + 4u] = cx + half_w;
  decoded[o + 5u] = cy + half_h;
}
