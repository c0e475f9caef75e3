// The elementwise losses (MSE, BCE with logits), PyTorch's reduction='mean' over n elements: thread t handles
// elements [t*chunk, (t+1)*chunk) in order, writes each element's gradient (grad_scale folds in the mean) and
// its loss sum to partial[t] and correct count to partial[parts + t], for loss_accumulate, which keeps the
// sum deterministic.
struct Params {
  n: u32,
  chunk: u32,
  parts: u32,
  grad_scale: f32,
}

@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(4) var<storage, read_write> partial: array<f32>;

fn threads() -> u32 {
  return params.parts;
}

// Thread t's elements [begin, end).
fn chunk_of(t: u32) -> vec2<u32> {
  let begin = t * params.chunk;
  return vec2<u32>(begin, min(params.n, begin + params.chunk));
}

fn store_part(t: u32, loss: f32, correct: f32) {
  partial[t] = loss;
  partial[params.parts + t] = correct;
}
