// Pieces of the layers' formulas, written in a layer's own parameters (stride s, padding p, dilation d)
// after the seed tutorial's forms: conv y(i,j) = Σ_m Σ_n w(m,n)·x(i+m, j+n), max pooling
// y(i,j) = max_{m,n} x(i·s+m, j·s+n), transposed conv y(i,j) = Σ_m Σ_n w(m,n)·x(i−m, j−n).
import { affine, frac, mi, mn, mo, mtext, row, sub, underover, type MNode } from './math';

export interface Formula {
  /** The layer's rule for one output value. */
  rule: MNode;
  /** How the output size follows from the input size, with the numbers filled in (when spatial). */
  size: MNode | null;
  /** One sentence on what the symbols are. */
  legend: string;
}

export const call = (name: MNode, ...args: MNode[]): MNode =>
  row(name, mo('('), ...args.flatMap((a, i) => (i ? [mo(','), a] : [a])), mo(')'));
export const sum = (index: string, last: number): MNode =>
  underover(mo('Σ'), row(mi(index), mo('='), mn(0)), mn(last));

/** x(s·i + d·m − p, s·j + d·n − p): the input index a kernel tap reads (a cross-correlation, as PyTorch). */
export function tapIndex(s: number, d: number, p: number): [MNode, MNode] {
  return [
    affine(
      [
        [s, 'i'],
        [d, 'm'],
      ],
      -p,
    ),
    affine(
      [
        [s, 'j'],
        [d, 'n'],
      ],
      -p,
    ),
  ];
}

/** ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1 with the numbers, and its value. */
export function convSize(h: number | null, k: number, s: number, p: number, d: number): MNode | null {
  if (h === null) return null;
  const out = Math.floor((h + 2 * p - d * (k - 1) - 1) / s) + 1;
  const num = row(
    mn(h),
    mo('+'),
    mn(2),
    mo('·'),
    mn(p),
    mo('−'),
    mn(d),
    mo('·'),
    mo('('),
    mn(k),
    mo('−'),
    mn(1),
    mo(')'),
    mo('−'),
    mn(1),
  );
  return row(
    sub(mi('H'), mtext('out')),
    mo('='),
    mo('⌊'),
    frac(num, mn(s)),
    mo('⌋'),
    mo('+'),
    mn(1),
    mo('='),
    mn(out),
  );
}

export function transposeSize(
  h: number | null,
  k: number,
  s: number,
  p: number,
  d: number,
  op: number,
): MNode | null {
  if (h === null) return null;
  const out = (h - 1) * s - 2 * p + d * (k - 1) + op + 1;
  return row(
    sub(mi('H'), mtext('out')),
    mo('='),
    mo('('),
    mn(h),
    mo('−'),
    mn(1),
    mo(')'),
    mo('·'),
    mn(s),
    mo('−'),
    mn(2),
    mo('·'),
    mn(p),
    mo('+'),
    mn(d),
    mo('·'),
    mo('('),
    mn(k),
    mo('−'),
    mn(1),
    mo(')'),
    mo('+'),
    mn(op),
    mo('+'),
    mn(1),
    mo('='),
    mn(out),
  );
}
