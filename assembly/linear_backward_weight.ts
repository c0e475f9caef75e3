// Linear weight gradient: dw[o, i] = sum_b dy[b, o] x[b, i] (dW = dyᵀ·x), vectorised over i. Threads share
// blocks of 4 rows of dw.
import { gemmBcast, INIT_ZERO } from './common/gemm_bcast';
import { partStart } from './common/split';

export function linearBackwardWeight(
  dy: usize,
  x: usize,
  dw: usize,
  batch: i32,
  inF: i32,
  outF: i32,
  part: i32,
  parts: i32,
): void {
  const blocks = (outF + 3) >> 2;
  const o0 = min(outF, partStart(blocks, part, parts) << 2);
  const o1 = min(outF, partStart(blocks, part + 1, parts) << 2);
  if (o0 >= o1) return;
  gemmBcast(
    o1 - o0,
    inF,
    batch,
    dy + ((<usize>o0) << 2),
    4,
    (<usize>outF) << 2,
    x,
    (<usize>inF) << 2,
    dw + ((<usize>o0 * inF) << 2),
    (<usize>inF) << 2,
    INIT_ZERO,
    0,
    false,
  );
}
