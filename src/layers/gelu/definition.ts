// nn.GELU: y = x·Φ(x), Φ the standard normal CDF (approximate='tanh': 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))).
import { call } from '../core/formula';
import { mi, mo, row } from '../core/math';
import { ACTIVATION } from '../core/elementwise';
import { pyWord } from '../core/python';
import { defineLayer } from '../core/types';

export type GELULayer = {
  kind: 'GELU';
  id: string;
  inputs?: string[];
  approximate: string;
};

const APPROXIMATIONS = ['none', 'tanh'] as const;

export const gelu = defineLayer<GELULayer>({
  ...ACTIVATION,
  kind: 'GELU',
  description: 'A smooth ReLU: weighs each value by how likely a normal sample is below it.',
  params: {
    approximate: {
      rule: { type: 'choice', options: APPROXIMATIONS },
      default: 'none',
      doc: "Exact ('none', with the error function) or the faster tanh formula ('tanh').",
    },
  },
  summary: (layer) => (layer.approximate === 'tanh' ? 'tanh approx.' : ''),
  animation: 'curve',
  explain: (layer) => ({
    rule: row(mi('y'), mo('='), mi('x'), mo('·'), call(mi('Φ'), mi('x'))),
    size: null,
    legend:
      layer.approximate === 'tanh'
        ? 'Φ is the standard normal CDF, here approximated with tanh; negative values fade smoothly to 0.'
        : 'Φ is the standard normal CDF: large values pass, negative values fade smoothly to 0.',
  }),
  // Opset 17 has no Gelu: PyTorch's own formulas, x·½(1 + erf(x/√2)) or its tanh approximation
  // ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
  onnx(layer, ctx) {
    const [x] = ctx.inputs;
    const scalar = (label: string, value: number) => ctx.floats(label, [], [value]);
    const half = ctx.node('Mul', [x, scalar('half', 0.5)]);
    let squashed: string;
    if (layer.approximate === 'tanh') {
      const cube = ctx.node('Mul', [ctx.node('Mul', [x, x]), x]);
      const inner = ctx.node('Add', [x, ctx.node('Mul', [cube, scalar('kappa', 0.044715)])]);
      squashed = ctx.node('Tanh', [ctx.node('Mul', [inner, scalar('beta', Math.sqrt(2 / Math.PI))])]);
    } else {
      squashed = ctx.node('Erf', [ctx.node('Mul', [x, scalar('sqrt1_2', Math.SQRT1_2)])]);
    }
    ctx.node('Mul', [half, ctx.node('Add', [squashed, scalar('one', 1)])], {}, ctx.output);
  },
  python: {
    prefix: 'gelu',
    module: (layer, name) =>
      layer.approximate === 'none'
        ? 'nn.GELU()'
        : `nn.GELU(approximate=${pyWord(layer.approximate, APPROXIMATIONS, `${name}.approximate`)})`,
  },
  fuzz: (layer, r) => ({ ...layer, approximate: r.pick(['none', 'tanh', 'erf']) }),
});
