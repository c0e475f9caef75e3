// nn.LeakyReLU: y = max(0, x) + negative_slope·min(0, x).
import { call } from '../core/formula';
import { mi, mn, mo, row } from '../core/math';
import { ACTIVATION } from '../core/elementwise';
import { pyFloat } from '../core/python';
import { defineLayer } from '../core/types';
import { attr, onnxOp } from '../core/onnx';

export type LeakyReLULayer = {
  kind: 'LeakyReLU';
  id: string;
  inputs?: string[];
  negative_slope: number;
};

export const leakyRelu = defineLayer<LeakyReLULayer>({
  ...ACTIVATION,
  kind: 'LeakyReLU',
  description: 'Like ReLU, but lets a small fraction of negative values through.',
  params: {
    negative_slope: {
      rule: { type: 'real', min: -1000, max: 1000 },
      default: 0.01,
      doc: 'How much of a negative input gets through (0.01 keeps 1%), so units never go fully silent.',
    },
  },
  summary: (layer) => `slope ${layer.negative_slope}`,
  animation: 'curve',
  explain: (layer) => ({
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
  }),
  onnx: onnxOp('LeakyRelu', (layer) => ({ alpha: attr.float(layer.negative_slope) })),
  python: {
    prefix: 'lrelu',
    module: (layer, name) =>
      `nn.LeakyReLU(negative_slope=${pyFloat(layer.negative_slope, `${name}.negative_slope`)})`,
  },
  fuzz: (layer, r) => ({ ...layer, negative_slope: r.pick([0.01, 0.2, -0.5]) }),
});
