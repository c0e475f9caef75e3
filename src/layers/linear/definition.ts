// nn.Linear: every output weighs every input, y_o = b_o + Σ_i W_{o,i} x_i.
import { mi, mo, row, sub } from '../core/math';
import { sum } from '../core/formula';
import { SPEC_LIMITS, RULES } from '../core/params';
import { keywords, pyValues } from '../core/python';
import type { SpecIssue } from '../core/issues';
import type { Wired } from '../core/types';
import { defineLayer } from '../core/types';
import { attr } from '../core/onnx';

export type LinearLayer = {
  kind: 'Linear';
  id: string;
  inputs?: string[];
  in_features: number;
  out_features: number;
  bias: boolean;
};

export const linear = defineLayer<LinearLayer>({
  kind: 'Linear',
  group: 'dense',
  description: 'Connects every input number to every output number.',
  arity: 'one',
  params: {
    in_features: {
      rule: RULES.features,
      default: 784,
      doc: 'How many numbers come in; the input must be flat.',
      required: true,
    },
    out_features: {
      rule: RULES.features,
      default: 10,
      doc: 'How many numbers go out; each is a weighted sum of all the inputs.',
      required: true,
    },
    bias: { rule: RULES.bool, default: true, doc: 'Whether each output adds a learned constant.' },
  },
  traits: { sizeParam: 'out_features', reluEpilogue: true },

  infer(layer, ctx) {
    if (ctx.input.length !== 1) {
      // The output size is still known, so later layers are checked as if the Flatten were there.
      const message = `Linear expects a flat input: insert Flatten before layer ${ctx.index + 1}`;
      const fix = ctx.insertBefore(ctx.newLayer('Flatten'));
      return { output: [layer.out_features], wired: {}, issues: [ctx.error(message, fix)] };
    }
    const issues: SpecIssue[] = [];
    const wired: Wired = {};
    // A wired in_features is never range-checked as a parameter, so a huge flattened image is caught here.
    if (ctx.input[0] > SPEC_LIMITS.maxFeatures) {
      const n = (v: number) => v.toLocaleString('en-US');
      const message = `${ctx.name}: its input has ${n(ctx.input[0])} values, more than the ${n(SPEC_LIMITS.maxFeatures)} in_features allows: shrink the image before the Flatten (add MaxPool2d or use a stride)`;
      issues.push(ctx.error(message));
      // Still counted at its true size, so the memory guard's numbers stay right.
      if (ctx.autoWire) wired.in_features = ctx.input[0];
    } else ctx.wire('in_features', ctx.input[0], 'value', wired, issues);
    return { output: [layer.out_features], wired, issues };
  },

  tensors(layer) {
    const fanIn = layer.in_features;
    const weight = {
      name: 'weight',
      shape: [layer.out_features, layer.in_features],
      fanIn,
      init: 'uniform' as const,
    };
    return layer.bias
      ? [weight, { name: 'bias', shape: [layer.out_features], fanIn, init: 'uniform' }]
      : [weight];
  },

  flops: (layer) => 2 * layer.in_features * layer.out_features,
  summary: (layer) => `${layer.in_features}→${layer.out_features}`,

  animation: 'dense',
  explain: (layer) => ({
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
  }),

  // y = x·Wᵀ + b with W stored [out_features, in_features], as PyTorch does.
  onnx(layer, ctx) {
    const bias = layer.bias ? [ctx.tensor('bias')] : [];
    ctx.node('Gemm', [ctx.inputs[0], ctx.tensor('weight'), ...bias], { transB: attr.int(1) }, ctx.output);
  },
  python: {
    prefix: 'fc',
    module(layer, name) {
      const v = pyValues(name);
      return `nn.Linear(${v.int(layer.in_features, 'in_features')}, ${v.int(layer.out_features, 'out_features')}${keywords(
        [['bias', v.bool(layer.bias, 'bias'), 'True']],
      )})`;
    },
  },

  narrow: (layer, factor) =>
    layer.out_features > 16 ? { ...layer, out_features: layer.out_features / factor } : layer,

  fuzz: (layer, r) => ({
    ...layer,
    in_features: r.size(1, 1000),
    out_features: r.pick([1, 10, 10, r.size(1, 200)]),
    bias: r.chance(0.9),
  }),
});
