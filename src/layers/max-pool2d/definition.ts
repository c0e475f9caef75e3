// nn.MaxPool2d: the largest value in each window, y(i,j) = max_{m,n} x(s·i + d·m − p, s·j + d·n − p).
import { call, convSize, tapIndex } from '../core/formula';
import { mi, mn, mo, row, under } from '../core/math';
import { RULES } from '../core/params';
import { POOL_DOCS, checkPoolPadding, inferPool, poolModule, poolOnnx } from '../core/pooling';
import { sizeOf, windowSummary } from '../core/summary';
import { defineLayer } from '../core/types';

export type MaxPool2dLayer = {
  kind: 'MaxPool2d';
  id: string;
  inputs?: string[];
  kernel_size: number;
  /** PyTorch's default (stride=None) means stride = kernel_size; the spec stores the number. */
  stride: number;
  padding: number;
  dilation: number;
  ceil_mode: boolean;
};

export const maxPool2d = defineLayer<MaxPool2dLayer>({
  kind: 'MaxPool2d',
  group: 'pooling',
  description: 'Shrinks the image by keeping the largest value in each window.',
  arity: 'one',
  params: {
    kernel_size: {
      rule: RULES.kernel,
      default: 2,
      doc: 'Size of the window whose largest value is kept.',
      required: true,
    },
    stride: { rule: RULES.stride, default: 2, doc: POOL_DOCS.stride, defaultFrom: 'kernel_size' },
    padding: {
      rule: RULES.padding,
      default: 0,
      doc: 'Border added before pooling (at most half of kernel_size); padded cells never win.',
    },
    dilation: { rule: RULES.dilation, default: 1, doc: 'Spacing between the window cells.' },
    ceil_mode: { rule: RULES.bool, default: false, doc: POOL_DOCS.ceil_mode },
  },
  check: checkPoolPadding,
  infer: (layer, ctx) => inferPool(layer, ctx, layer.dilation),
  flops: (layer, _inputs, output) => layer.kernel_size ** 2 * sizeOf(output),
  summary: (layer) => windowSummary(layer.kernel_size, layer.stride, layer.padding, layer.kernel_size),

  explain(layer, inputSize) {
    const { kernel_size: k, stride: s, padding: p, dilation: d } = layer;
    const window = row(mn(0), mo('≤'), mi('m'), mo(','), mi('n'), mo('<'), mn(k));
    return {
      rule: row(
        call(mi('y'), mi('i'), mi('j')),
        mo('='),
        under(mo('max'), window),
        call(mi('x'), ...tapIndex(s, d, p)),
      ),
      size: convSize(inputSize, k, s, p, d),
      legend: `A ${k}×${k} window moved by stride ${s} over each channel on its own; no weights.`,
    };
  },

  animation: 'max',

  onnx: (layer, ctx) => poolOnnx('MaxPool', layer, ctx, layer.dilation),
  python: {
    prefix: 'pool',
    module: (layer, name) =>
      poolModule(layer, name, (v) => [['dilation', v.int(layer.dilation, 'dilation'), '1']]),
  },

  fuzz: (layer, r) => ({
    ...layer,
    kernel_size: r.size(1, 4),
    stride: r.size(1, 3),
    padding: r.size(0, 2),
    dilation: r.chance(0.9) ? 1 : 2,
    ceil_mode: r.chance(0.3),
  }),
});
