// nn.AvgPool2d: the mean of each window, y(i,j) = 1/k² Σ_m Σ_n x(s·i + m − p, s·j + n − p).
import { call, convSize, sum, tapIndex } from '../core/formula';
import { frac, mi, mn, mo, row, sup } from '../core/math';
import { RULES } from '../core/params';
import { POOL_DOCS, checkPoolPadding, inferPool, poolModule, poolOnnx } from '../core/pooling';
import { sizeOf, windowSummary } from '../core/summary';
import { defineLayer } from '../core/types';

export type AvgPool2dLayer = {
  kind: 'AvgPool2d';
  id: string;
  inputs?: string[];
  kernel_size: number;
  stride: number;
  padding: number;
  ceil_mode: boolean;
  count_include_pad: boolean;
};

export const avgPool2d = defineLayer<AvgPool2dLayer>({
  kind: 'AvgPool2d',
  group: 'pooling',
  description: 'Shrinks the image by averaging each window.',
  arity: 'one',
  params: {
    kernel_size: {
      rule: RULES.kernel,
      default: 2,
      doc: 'Size of the window whose values are averaged.',
      required: true,
    },
    stride: { rule: RULES.stride, default: 2, doc: POOL_DOCS.stride, defaultFrom: 'kernel_size' },
    padding: {
      rule: RULES.padding,
      default: 0,
      doc: 'Zeros added around the border (at most half of kernel_size).',
    },
    ceil_mode: { rule: RULES.bool, default: false, doc: POOL_DOCS.ceil_mode },
    count_include_pad: {
      rule: RULES.bool,
      default: true,
      doc: 'Whether padded zeros count in the average (the divisor).',
    },
  },
  check: checkPoolPadding,
  infer: (layer, ctx) => inferPool(layer, ctx, 1),
  flops: (layer, _inputs, output) => layer.kernel_size ** 2 * sizeOf(output),
  summary: (layer) => windowSummary(layer.kernel_size, layer.stride, layer.padding, layer.kernel_size),

  explain(layer, inputSize) {
    const { kernel_size: k, stride: s, padding: p } = layer;
    return {
      rule: row(
        call(mi('y'), mi('i'), mi('j')),
        mo('='),
        frac(mn(1), sup(mn(k), mn(2))),
        sum('m', k - 1),
        sum('n', k - 1),
        call(mi('x'), ...tapIndex(s, 1, p)),
      ),
      size: convSize(inputSize, k, s, p, 1),
      legend: `A ${k}×${k} window moved by stride ${s} over each channel on its own; no weights.`,
    };
  },

  animation: 'avg',

  onnx: (layer, ctx) => poolOnnx('AveragePool', layer, ctx, 1, layer.count_include_pad),
  python: {
    prefix: 'avgpool',
    module: (layer, name) =>
      poolModule(layer, name, (v) => [
        ['count_include_pad', v.bool(layer.count_include_pad, 'count_include_pad'), 'True'],
      ]),
  },

  fuzz: (layer, r) => ({
    ...layer,
    kernel_size: r.size(1, 4),
    stride: r.size(1, 3),
    padding: r.size(0, 2),
    ceil_mode: r.chance(0.3),
    count_include_pad: r.chance(0.5),
  }),
});
