// common: index flat
// Binary cross-entropy on logits, PyTorch's reduction='mean', in the stable form
//   l = max(x, 0) - x t + log(1 + exp(-|x|)),   dx = (sigmoid(x) - t) / n.
// Thread t handles elements [t*chunk, (t+1)*chunk) in order and writes its loss sum to partial[t] and the
// count of elements with (x > 0) == (t > 0.5) to partial[parts + t], for loss_accumulate.
struct Params {
  n: u32,
  chunk: u32,
  parts: u32,
  inv_n: f32,
}

@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(3) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(4) var<storage, read_write> partial: array<f32>;

fn threads() -> u32 {
  return params.parts;
}

fn run(t: u32) {
  let begin = t * params.chunk;
  let end = min(params.n, begin + params.chunk);
  var s = 0.0;
  var correct = 0.0;
  for (var i = begin; i < end; i++) {
    let x = logits[i];
    let y = targets[i];
    let e = exp(-abs(x));
    s += max(x, 0.0) - x * y + log(1.0 + e);
    // sigmoid(x) from e = exp(-|x|), which never overflows.
    let sig = select(e / (1.0 + e), 1.0 / (1.0 + e), x >= 0.0);
    dlogits[i] = (sig - y) * params.inv_n;
    correct += select(0.0, 1.0, (x > 0.0) == (y > 0.5));
  }
  partial[t] = s;
  partial[params.parts + t] = correct;
}
