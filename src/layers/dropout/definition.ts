// nn.Dropout: while training y = x·mask/(1 − p) with mask ~ Bernoulli(1 − p); when evaluating y = x.
import { frac, mi, mn, mo, row } from '../core/math';
import { perValueFlops, sameShape } from '../core/elementwise';
import { pyFloat } from '../core/python';
import { defineLayer } from '../core/types';
import { onnxOp } from '../core/onnx';

export type DropoutLayer = {
  kind: 'Dropout';
  id: string;
  inputs?: string[];
  p: number;
};

export const dropout = defineLayer<DropoutLayer>({
  kind: 'Dropout',
  group: 'normalisation',
  description: 'Randomly zeroes values while training, so the network cannot rely on any one.',
  arity: 'one',
  params: {
    p: {
      rule: { type: 'real', min: 0, max: 1, maxOpen: true },
      default: 0.5,
      doc: 'The chance that each value is zeroed while training (the rest are scaled up); off at test time.',
      hint: ': it is the chance of zeroing each value while training',
    },
  },
  traits: { passThrough: true, trainingOnly: true },
  infer: sameShape,
  flops: perValueFlops,
  summary: (layer) => `p ${layer.p}`,
  animation: 'dropout',
  explain: (layer) => ({
    rule: row(mi('y'), mo('='), frac(row(mi('x'), mo('·'), mi('mask')), row(mn(1), mo('−'), mn(layer.p)))),
    size: null,
    legend: `While training each value is dropped with probability ${layer.p}; when evaluating y = x.`,
  }),
  // Dropout is the identity when evaluating, which is what an exported model does.
  onnx: onnxOp('Identity'),
  python: { prefix: 'dropout', module: (layer, name) => `nn.Dropout(p=${pyFloat(layer.p, `${name}.p`)})` },
  fuzz: (layer, r) => ({ ...layer, p: r.pick([0, 0.25, 0.5, 0.9, 1, -0.5]) }),
});
