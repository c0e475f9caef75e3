// Each layer kind's formula, written in the layer's own parameters (stride s, padding p, dilation d) after
// the seed tutorial's forms: conv y(i,j) = Σ_m Σ_n w(m,n)·x(i+m, j+n), max pooling
// y(i,j) = max_{m,n} x(i·s+m, j·s+n), transposed conv y(i,j) = Σ_m Σ_n w(m,n)·x(i−m, j−n).
import type { Layer } from '../../network/spec';
import { affine, frac, mi, mn, mo, mtext, row, sqrt, sub, sup, under, underover, type MNode } from './math';

export interface Formula {
  /** The layer's rule for one output value. */
  rule: MNode;
  /** How the output size follows from the input size, with the numbers filled in (when spatial). */
  size: MNode | null;
  /** One sentence on what the symbols are. */
  legend: string;
}

const call = (name: MNode, ...args: MNode[]): MNode =>
  row(name, mo('('), ...args.flatMap((a, i) => (i ? [mo(','), a] : [a])), mo(')'));
const sum = (index: string, last: number): MNode =>
  underover(mo('Σ'), row(mi(index), mo('='), mn(0)), mn(last));

/** x(s·i + d·m − p, s·j + d·n − p): the input index a kernel tap reads (a cross-correlation, as PyTorch). */
function tapIndex(s: number, d: number, p: number): [MNode, MNode] {
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
function convSize(h: number | null, k: number, s: number, p: number, d: number): MNode | null {
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

function transposeSize(
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

/** `inputSize`: the layer's input height (square inputs), or null when unknown. */
export function formulaOf(layer: Layer, inputSize: number | null = null): Formula {
  switch (layer.kind) {
    case 'Conv2d': {
      const { kernel_size: k, stride: s, padding: p, dilation: d, in_channels: c } = layer;
      const many = c > 1;
      const w = many ? sub(mi('w'), mi('c')) : mi('w');
      const x = many ? sub(mi('x'), mi('c')) : mi('x');
      const terms = row(
        ...(many ? [sum('c', c - 1)] : []),
        sum('m', k - 1),
        sum('n', k - 1),
        call(w, mi('m'), mi('n')),
        mo('·'),
        call(x, ...tapIndex(s, d, p)),
      );
      return {
        rule: row(call(mi('y'), mi('i'), mi('j')), mo('='), ...(layer.bias ? [mi('b'), mo('+')] : []), terms),
        size: convSize(inputSize, k, s, p, d),
        legend: `Each output map has its own ${k}×${k} kernel w per input channel${many ? ` (c = 0…${c - 1})` : ''}; stride ${s}, padding ${p} (zeros outside the image), dilation ${d}.`,
      };
    }
    case 'MaxPool2d':
    case 'AvgPool2d': {
      const { kernel_size: k, stride: s, padding: p } = layer;
      const d = layer.kind === 'MaxPool2d' ? layer.dilation : 1;
      const window = row(mn(0), mo('≤'), mi('m'), mo(','), mi('n'), mo('<'), mn(k));
      const rule =
        layer.kind === 'MaxPool2d'
          ? row(
              call(mi('y'), mi('i'), mi('j')),
              mo('='),
              under(mo('max'), window),
              call(mi('x'), ...tapIndex(s, d, p)),
            )
          : row(
              call(mi('y'), mi('i'), mi('j')),
              mo('='),
              frac(mn(1), sup(mn(k), mn(2))),
              sum('m', k - 1),
              sum('n', k - 1),
              call(mi('x'), ...tapIndex(s, d, p)),
            );
      return {
        rule,
        size: convSize(inputSize, k, s, p, d),
        legend: `A ${k}×${k} window moved by stride ${s} over each channel on its own; no weights.`,
      };
    }
    case 'ConvTranspose2d': {
      const { kernel_size: k, stride: s, padding: p, dilation: d, output_padding: op } = layer;
      const index = (o: string, t: string) => {
        const top = affine(
          [
            [1, o],
            [-d, t],
          ],
          p,
        );
        return s === 1 ? top : frac(top, mn(s));
      };
      return {
        rule: row(
          call(mi('y'), mi('i'), mi('j')),
          mo('='),
          ...(layer.bias ? [mi('b'), mo('+')] : []),
          sum('m', k - 1),
          sum('n', k - 1),
          call(mi('w'), mi('m'), mi('n')),
          mo('·'),
          call(mi('x'), index('i', 'm'), index('j', 'n')),
        ),
        size: transposeSize(inputSize, k, s, p, d, op),
        legend: `Each input value stamps a scaled ${k}×${k} kernel onto the output; only terms whose x index is a whole number inside the input count (stride ${s}, padding ${p}, dilation ${d}).`,
      };
    }
    case 'Linear':
      return {
        rule: row(
          sub(mi('y'), mi('o')),
          mo('='),
          ...(layer.bias ? [sub(mi('b'), mi('o')), mo('+')] : []),
          sum('i', layer.in_features - 1),
          sub(mi('W'), row(mi('o'), mo(','), mi('i'))),
          sub(mi('x'), mi('i')),
        ),
        size: null,
        legend: `Every one of the ${layer.out_features} outputs weighs all ${layer.in_features} inputs.`,
      };
    case 'ReLU':
      return {
        rule: row(mi('y'), mo('='), call(mo('max'), mn(0), mi('x'))),
        size: null,
        legend: 'Negative values become 0.',
      };
    case 'LeakyReLU':
      return {
        rule: row(
          mi('y'),
          mo('='),
          call(mo('max'), mn(0), mi('x')),
          mo('+'),
          mn(layer.negative_slope),
          mo('·'),
          call(mo('min'), mn(0), mi('x')),
        ),
        size: null,
        legend: 'Negative values are scaled down instead of cut to 0.',
      };
    case 'Sigmoid':
      return {
        rule: row(mi('y'), mo('='), frac(mn(1), row(mn(1), mo('+'), sup(mi('e'), row(mo('−'), mi('x')))))),
        size: null,
        legend: 'Squashes any value into (0, 1).',
      };
    case 'Tanh':
      return {
        rule: row(mi('y'), mo('='), call(mi('tanh'), mi('x'))),
        size: null,
        legend: 'Squashes any value into (−1, 1).',
      };
    case 'BatchNorm2d':
      return {
        rule: row(
          sub(mi('y'), mi('c')),
          mo('='),
          frac(
            row(sub(mi('x'), mi('c')), mo('−'), sub(mi('μ'), mi('c'))),
            sqrt(sup(sub(mi('σ'), mi('c')), mn(2)), mo('+'), mn(layer.eps)),
          ),
          mo('·'),
          sub(mi('γ'), mi('c')),
          mo('+'),
          sub(mi('β'), mi('c')),
        ),
        size: null,
        legend: 'Per channel: batch statistics while training, running averages when evaluating.',
      };
    case 'Dropout':
      return {
        rule: row(
          mi('y'),
          mo('='),
          frac(row(mi('x'), mo('·'), mi('mask')), row(mn(1), mo('−'), mn(layer.p))),
        ),
        size: null,
        legend: `While training each value is dropped with probability ${layer.p}; when evaluating y = x.`,
      };
    case 'Flatten':
    case 'Unflatten':
      return {
        rule: row(mi('y'), mo('='), call(mi('reshape'), mi('x'))),
        size: null,
        legend: 'The same numbers in a new shape.',
      };
  }
}
