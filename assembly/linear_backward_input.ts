// Linear input gradient: dx[b, i] = sum_o dy[b, o] w[o, i] (dx = dy·W), vectorised over i. Threads share
// blocks of 4 rows.
import { gemmBcast, INIT_ZERO } from './common/gemm_bcast';
import { partStart } from './common/split';

export function linearBackwardInput(
  dy: usize,
  w: usize,
  dx: usize,
  batch: i32,
  inF: i32,
  outF: i32,
  part: i32,
  parts: i32,
): void {
  const blocks = (batch + 3) >> 2;
  const b0 = min(batch, partStart(blocks, part, parts) << 2);
  const b1 = min(batch, partStart(blocks, part + 1, parts) << 2);
  if (b0 >= b1) return;
  gemmBcast(
    b1 - b0,
    inF,
    outF,
    dy + ((<usize>b0 * outF) << 2),
    (<usize>outF) << 2,
    4,
    w,
    (<usize>inF) << 2,
    dx + ((<usize>b0 * inF) << 2),
    (<usize>inF) << 2,
    INIT_ZERO,
    0,
    false,
  );
}
