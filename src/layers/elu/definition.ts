// nn.ELU: y = x for x > 0, alpha·(e^x − 1) otherwise.
import { mi, mn, mo, mtext, row, sup } from '../core/math';
import { ACTIVATION } from '../core/elementwise';
import { pyFloat } from '../core/python';
import { defineLayer } from '../core/types';
import { attr, onnxOp } from '../core/onnx';

export type ELULayer = {
  kind: 'ELU';
  id: string;
  inputs?: string[];
  alpha: number;
};

export const elu = defineLayer<ELULayer>({
  ...ACTIVATION,
  kind: 'ELU',
  description: 'Keeps positive values and bends negative ones smoothly towards −alpha.',
  params: {
    alpha: {
      rule: { type: 'real', min: -1000, max: 1000 },
      default: 1,
      doc: 'The value very negative inputs approach (as −alpha); 1 in PyTorch.',
    },
  },
  summary: (layer) => (layer.alpha === 1 ? '' : `alpha ${layer.alpha}`),
  animation: 'curve',
  explain: (layer) => ({
    rule: row(
      mi('y'),
      mo('='),
      mi('x'),
      mtext(' if x > 0, else '),
      mn(layer.alpha),
      mo('·'),
      mo('('),
      sup(mi('e'), mi('x')),
      mo('−'),
      mn(1),
      mo(')'),
    ),
    size: null,
    legend: `Negative values curve smoothly down towards −${layer.alpha} instead of being cut to 0.`,
  }),
  onnx: onnxOp('Elu', (layer) => ({ alpha: attr.float(layer.alpha) })),
  python: {
    prefix: 'elu',
    module: (layer, name) =>
      layer.alpha === 1 ? 'nn.ELU()' : `nn.ELU(alpha=${pyFloat(layer.alpha, `${name}.alpha`)})`,
  },
  fuzz: (layer, r) => ({ ...layer, alpha: r.pick([1, 0.5, 2, -1]) }),
});
