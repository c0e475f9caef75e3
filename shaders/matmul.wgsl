// common: matmul
// common/matmul.wgsl's contract, so Linear forward (x·Wᵀ), backward input (dy·W) and backward weight
// (dyᵀ·x) are one kernel.
// Each thread keeps a TILE_M x TILE_N tile of C (4 or 8 each, as 4x4 blocks) in registers and uses no
// workgroup memory and no barriers: the portable default, and the fast one on SwiftShader, where a barrier
// turns every 4-lane group into a coroutine. There each loaded float costs about as much as a dozen
// multiply-adds (every lane gathers), so an 8x8 tile, which uses each loaded block twice, is ~1.3x faster
// than 4x4 on big products.
// Operands are bound as vec4 arrays: a block of 4 is one vec4 load along an operand's contiguous axis when
// that axis is a multiple of 4 (VEC_A / VEC_B), else 4 scalar loads. Rows past an edge are clamped to the
// last row (read, never written), so any M, N, K works.
override VEC_A: bool = false;
override VEC_B: bool = false;
// Rows and columns of C per thread: 4, or 8 as two 4x4 blocks sharing each loaded block of the other operand.
override TILE_M: u32 = 4;
override TILE_N: u32 = 4;

// Four consecutive scalars from A starting at flat index i (used when the axis is not a multiple of 4).
fn quad_a(i: u32) -> vec4<f32> {
  if (VEC_A) {
    return a[i >> 2u];
  }
  return vec4<f32>(ld_a(i), ld_a(i + 1u), ld_a(i + 2u), ld_a(i + 3u));
}

fn quad_b(i: u32) -> vec4<f32> {
  if (VEC_B) {
    return b[i >> 2u];
  }
  return vec4<f32>(ld_b(i), ld_b(i + 1u), ld_b(i + 2u), ld_b(i + 3u));
}

// Rows m0..m0+3 of op(A) over k0..k0+3: row i of the result is column i of the returned matrix.
fn block_a(m0: u32, k0: u32) -> mat4x4<f32> {
  let m = params.m;
  let k = params.k;
  if (TRANS_A) {
    // A is stored [K, M]: each k gives 4 consecutive m, so load those and transpose.
    if (VEC_A) {
      return transpose(mat4x4<f32>(
        quad_a(k0 * m + m0), quad_a((k0 + 1u) * m + m0), quad_a((k0 + 2u) * m + m0), quad_a((k0 + 3u) * m + m0)));
    }
    let r = vec4<u32>(min(m0, m - 1u), min(m0 + 1u, m - 1u), min(m0 + 2u, m - 1u), min(m0 + 3u, m - 1u));
    var cols: mat4x4<f32>;
    for (var j = 0u; j < 4u; j++) {
      let base = (k0 + j) * m;
      cols[j] = vec4<f32>(ld_a(base + r.x), ld_a(base + r.y), ld_a(base + r.z), ld_a(base + r.w));
    }
    return transpose(cols);
  }
  return mat4x4<f32>(
    quad_a(min(m0, m - 1u) * k + k0),
    quad_a(min(m0 + 1u, m - 1u) * k + k0),
    quad_a(min(m0 + 2u, m - 1u) * k + k0),
    quad_a(min(m0 + 3u, m - 1u) * k + k0));
}

// op(B) over k0..k0+3 and n0..n0+3: column j is row k0+j of op(B).
fn block_b(k0: u32, n0: u32) -> mat4x4<f32> {
  let n = params.n;
  let k = params.k;
  if (TRANS_B) {
    // B is stored [N, K]: each n gives 4 consecutive k, so load those and transpose.
    return transpose(mat4x4<f32>(
      quad_b(min(n0, n - 1u) * k + k0),
      quad_b(min(n0 + 1u, n - 1u) * k + k0),
      quad_b(min(n0 + 2u, n - 1u) * k + k0),
      quad_b(min(n0 + 3u, n - 1u) * k + k0)));
  }
  if (VEC_B) {
    return mat4x4<f32>(quad_b(k0 * n + n0), quad_b((k0 + 1u) * n + n0), quad_b((k0 + 2u) * n + n0), quad_b((k0 + 3u) * n + n0));
  }
  let q = vec4<u32>(min(n0, n - 1u), min(n0 + 1u, n - 1u), min(n0 + 2u, n - 1u), min(n0 + 3u, n - 1u));
  var rows: mat4x4<f32>;
  for (var j = 0u; j < 4u; j++) {
    let base = (k0 + j) * n;
    rows[j] = vec4<f32>(ld_b(base + q.x), ld_b(base + q.y), ld_b(base + q.z), ld_b(base + q.w));
  }
  return rows;
}

// op(A)[m0..m0+3, kk] and op(B)[kk, n0..n0+3] for one k (the K % 4 tail).
fn col_a(m0: u32, kk: u32) -> vec4<f32> {
  let m = params.m;
  var v: vec4<f32>;
  for (var i = 0u; i < 4u; i++) {
    let r = min(m0 + i, m - 1u);
    v[i] = select(ld_a(r * params.k + kk), ld_a(kk * m + r), TRANS_A);
  }
  return v;
}

fn row_b(kk: u32, n0: u32) -> vec4<f32> {
  let n = params.n;
  var v: vec4<f32>;
  for (var q = 0u; q < 4u; q++) {
    let col = min(n0 + q, n - 1u);
    v[q] = select(ld_b(kk * n + col), ld_b(col * params.k + kk), TRANS_B);
  }
  return v;
}

// The outer product of a column of op(A) and a row of op(B) as a 4x4 block (column i = a[i] * b).
fn outer(a: vec4<f32>, b: vec4<f32>) -> mat4x4<f32> {
  return mat4x4<f32>(a.x * b, a.y * b, a.z * b, a.w * b);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let n0 = gid.x * TILE_N;
  let m0 = gid.y * TILE_M;
  if (m0 >= params.m || n0 >= params.n) {
    return;
  }
  // The second blocks' first row and column; past the edge they repeat the first block, so the loop stays
  // branch-free, and are not stored.
  let m1 = select(m0, m0 + 4u, m0 + 4u < params.m);
  let n1 = select(n0, n0 + 4u, n0 + 4u < params.n);
  let k_begin = gid.z * params.k_split;
  let k_end = min(params.k, k_begin + params.k_split);
  // k_split is a multiple of 4, so every block below starts 4-aligned.
  let span = select(0u, k_end - k_begin, k_end > k_begin);
  let k_blocks_end = k_begin + (span / 4u) * 4u;
  // acc_ij: rows from m_i, columns from n_j; a block is acc[row][col], and acc += B·A accumulates it.
  var acc00 = mat4x4<f32>();
  var acc01 = mat4x4<f32>();
  var acc10 = mat4x4<f32>();
  var acc11 = mat4x4<f32>();
  var kk = k_begin;
  for (; kk < k_blocks_end; kk += 4u) {
    let b0 = block_b(kk, n0);
    let a0 = block_a(m0, kk);
    acc00 += b0 * a0;
    if (TILE_N == 8u) {
      let b1 = block_b(kk, n1);
      acc01 += b1 * a0;
      if (TILE_M == 8u) {
        let a1 = block_a(m1, kk);
        acc10 += b0 * a1;
        acc11 += b1 * a1;
      }
    } else if (TILE_M == 8u) {
      acc10 += b0 * block_a(m1, kk);
    }
  }
  for (; kk < k_end; kk++) {
    let r0 = row_b(kk, n0);
    let c0 = col_a(m0, kk);
    acc00 += outer(c0, r0);
    if (TILE_N == 8u) {
      let r1 = row_b(kk, n1);
      acc01 += outer(c0, r1);
      if (TILE_M == 8u) {
        let c1 = col_a(m1, kk);
        acc10 += outer(c1, r0);
        acc11 += outer(c1, r1);
      }
    } else if (TILE_M == 8u) {
      acc10 += outer(col_a(m1, kk), r0);
    }
  }
  store(acc00, m0, n0, gid.z);
  let second_m = TILE_M == 8u && m1 != m0;
  let second_n = TILE_N == 8u && n1 != n0;
  if (second_n) {
    store(acc01, m0, n1, gid.z);
  }
  if (second_m) {
    store(acc10, m1, n0, gid.z);
  }
  if (second_m && second_n) {
    store(acc11, m1, n1, gid.z);
  }
}
