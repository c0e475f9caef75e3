// common: index flat
// Mean squared error, PyTorch's reduction='mean': loss = sum((p - t)²) / n, dp = 2 (p - t) / n.
// Thread t handles elements [t*chunk, (t+1)*chunk) in order and writes its squared-error sum to partial[t]
// (and 0 correct to partial[parts + t]) for loss_accumulate, which keeps the sum deterministic.
struct Params {
  n: u32,
  chunk: u32,
  parts: u32,
  grad_scale: f32,
}

@group(0) @binding(1) var<storage, read> pred: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(3) var<storage, read_write> dpred: array<f32>;
@group(0) @binding(4) var<storage, read_write> partial: array<f32>;

fn threads() -> u32 {
  return params.parts;
}

fn run(t: u32) {
  let begin = t * params.chunk;
  let end = min(params.n, begin + params.chunk);
  var s = 0.0;
  for (var i = begin; i < end; i++) {
    let d = pred[i] - targets[i];
    s += d * d;
    dpred[i] = params.grad_scale * d;
  }
  partial[t] = s;
  partial[params.parts + t] = 0.0;
}
