// nn.Softmax(dim=1): y_c = e^{x_c} / Σ_k e^{x_k} over the features (or, per pixel, the channels).
import { frac, mi, mo, row, sub, sup, under } from '../core/math';
import { sameShape } from '../core/elementwise';
import { sizeOf } from '../core/summary';
import { defineLayer } from '../core/types';
import { attr, onnxOp } from '../core/onnx';

export type SoftmaxLayer = {
  kind: 'Softmax';
  id: string;
  inputs?: string[];
};

export const softmax = defineLayer<SoftmaxLayer>({
  kind: 'Softmax',
  group: 'activation',
  description:
    'Turns scores into probabilities that add up to 1 (over the features, or per pixel over channels).',
  arity: 'one',
  params: {},
  traits: { passThrough: true, squashes: true },
  infer: sameShape,
  // An exponential, a share of the sum and a division per value.
  flops: (_layer, _inputs, output) => 3 * sizeOf(output),
  summary: () => 'dim=1',
  animation: 'softmax',
  explain: () => ({
    rule: row(
      sub(mi('y'), mi('c')),
      mo('='),
      frac(
        sup(mi('e'), sub(mi('x'), mi('c'))),
        row(under(mo('Σ'), mi('k')), sup(mi('e'), sub(mi('x'), mi('k')))),
      ),
    ),
    size: null,
    legend: 'Each value becomes a probability: larger scores get more of the total 1.',
  }),
  onnx: onnxOp('Softmax', () => ({ axis: attr.int(1) })),
  python: { prefix: 'softmax', module: () => 'nn.Softmax(dim=1)' },
});
