// common: matmul
// common/matmul.wgsl's contract, like matmul.wgsl, but tiled through workgroup memory for discrete GPUs.
// Each 16x16 workgroup stages a 64x16 block of op(A) and a 16x64 block of op(B) per step, so every global
// value is read once per workgroup instead of once per thread row; each thread then accumulates a 4x4 tile from workgroup memory. Chosen only when the caller
// prefers it (preferSharedMemory): on SwiftShader every barrier turns each 4-lane group into a coroutine,
// so there the barrier-free kernel is faster. Out-of-range elements are staged as zeros.
const TILE: u32 = 64u;
const TK: u32 = 16u;

// tile_a[kq * 16 + i] holds op(A)[m_base + 4i .. 4i+3, k_base + kq]; tile_b[kq * 16 + j] holds
// op(B)[k_base + kq, n_base + 4j .. 4j+3].
var<workgroup> tile_a: array<vec4<f32>, 256>;
var<workgroup> tile_b: array<vec4<f32>, 256>;

fn op_a(row: u32, kk: u32, k_end: u32) -> f32 {
  if (row >= params.m || kk >= k_end) {
    return 0.0;
  }
  return ld_a(select(row * params.k + kk, kk * params.m + row, TRANS_A));
}

fn op_b(kk: u32, col: u32, k_end: u32) -> f32 {
  if (col >= params.n || kk >= k_end) {
    return 0.0;
  }
  return ld_b(select(kk * params.n + col, col * params.k + kk, TRANS_B));
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_id) lid: vec3<u32>,
  @builtin(local_invocation_index) tid: u32,
) {
  let m_base = wid.y * TILE;
  let n_base = wid.x * TILE;
  let k_begin = wid.z * params.k_split;
  let k_end = min(params.k, k_begin + params.k_split);
  var acc = mat4x4<f32>();
  // Every thread runs the same number of steps, so the barriers below are in uniform control flow.
  for (var k0 = k_begin; k0 < k_end; k0 += TK) {
    // 256 threads stage 1024 values of each operand, 4 each. A: consecutive threads walk k, the
    // contiguous axis of an untransposed A; B: consecutive threads walk n.
    for (var r = 0u; r < 4u; r++) {
      let e = tid + r * 256u;
      let ka = e % TK;
      let ma = e / TK;
      tile_a[ka * 16u + ma / 4u][ma % 4u] = op_a(m_base + ma, k0 + ka, k_end);
      let nb = e % TILE;
      let kb = e / TILE;
      tile_b[kb * 16u + nb / 4u][nb % 4u] = op_b(k0 + kb, n_base + nb, k_end);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < TK; kq++) {
      let av = tile_a[kq * 16u + lid.y];
      let bv = tile_b[kq * 16u + lid.x];
      acc[0] += av.x * bv;
      acc[1] += av.y * bv;
      acc[2] += av.z * bv;
      acc[3] += av.w * bv;
    }
    workgroupBarrier();
  }
  store(acc, m_base + lid.y * 4u, n_base + lid.x * 4u, wid.z);
}
