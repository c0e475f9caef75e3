// The contract of the matmul kernels: C[M,N] = op(A)·op(B) (+ bias[n], then an activation), op() a transpose
// chosen by TRANS_A / TRANS_B. A and B are bound as vec4 arrays; c holds split-K slices of M*N (reduce_rows
// sums them) where the K range is split over workgroups z, k in [z*k_split, (z+1)*k_split).
struct Params {
  m: u32,
  n: u32,
  k: u32,
  k_split: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> c: array<f32>;

override WG_X: u32 = 8;
override WG_Y: u32 = 8;
override TRANS_A: bool = false;
override TRANS_B: bool = false;
override HAS_BIAS: bool = false;
// 0: none, 1: relu.
override ACTIVATION: u32 = 0;

// Element i of A and of B, by flat index.
fn ld_a(i: u32) -> f32 {
  return a[i >> 2u][i & 3u];
}

fn ld_b(i: u32) -> f32 {
  return b[i >> 2u][i & 3u];
}

// Stores the 4x4 block of C at rows m0.., columns n0.. (acc[row][col]) into split-K slice `split`, after bias
// and activation; rows and columns past the edge are not written.
fn store(acc: mat4x4<f32>, m0: u32, n0: u32, split: u32) {
  let out_base = split * params.m * params.n;
  for (var i = 0u; i < 4u; i++) {
    let row = m0 + i;
    if (row >= params.m) {
      break;
    }
    for (var q = 0u; q < 4u; q++) {
      let col = n0 + q;
      if (col >= params.n) {
        break;
      }
      var v = acc[i][q];
      if (HAS_BIAS) {
        v += bias[col];
      }
      if (ACTIVATION == 1u) {
        v = max(v, 0.0);
      }
      c[out_base + row * params.n + col] = v;
    }
  }
}
