// nn.SiLU (swish): y = x·σ(x); dy/dx = σ(x)(1 + x(1 − σ(x))).
import { call } from '../core/formula';
import { mi, mo, row } from '../core/math';
import { ACTIVATION } from '../core/elementwise';
import { defineLayer } from '../core/types';

export type SiLULayer = {
  kind: 'SiLU';
  id: string;
  inputs?: string[];
};

export const silu = defineLayer<SiLULayer>({
  ...ACTIVATION,
  kind: 'SiLU',
  description: 'Multiplies each value by its sigmoid: a smooth ReLU that dips just below 0.',
  params: {},
  summary: () => '',
  animation: 'curve',
  explain: () => ({
    rule: row(mi('y'), mo('='), mi('x'), mo('·'), call(mi('σ'), mi('x'))),
    size: null,
    legend: 'σ is the sigmoid 1/(1 + e^−x): large values pass, negative ones fade towards 0.',
  }),
  // x·σ(x): opset 17 has no SiLU operator.
  onnx(_layer, ctx) {
    const [x] = ctx.inputs;
    ctx.node('Mul', [x, ctx.node('Sigmoid', [x])], {}, ctx.output);
  },
  python: { prefix: 'silu', module: () => 'nn.SiLU()' },
});
