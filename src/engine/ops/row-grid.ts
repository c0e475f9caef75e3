// The 2-D grid of kernels that walk batch rows (concat's copies, softmax over dim 1): x along a row's
// values, y over the rows. A workgroup's 64 threads go along the row first (up to its length), the rest
// over rows, so a flat [B, N] tensor with short rows still fills them. Both axes are capped at 65535
// workgroups; the kernels stride over the whole grid, so any size fits.

const WG = 64;
const MAX_GROUPS = 65535;

export interface RowGrid {
  workgroupSize: [number, number];
  workgroups: [number, number];
}

const pow2AtLeast = (n: number) => 2 ** Math.ceil(Math.log2(n));

/** The grid over `rows` rows of `len` threads each. */
export function rowGrid(len: number, rows: number): RowGrid {
  const x = Math.min(WG, pow2AtLeast(len));
  const y = WG / x;
  return {
    workgroupSize: [x, y],
    workgroups: [Math.min(MAX_GROUPS, Math.ceil(len / x)), Math.min(MAX_GROUPS, Math.ceil(rows / y))],
  };
}
