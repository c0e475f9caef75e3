// nn.Flatten() (start_dim=1): [C, H, W] -> [C·H·W], channels then rows then columns; a view, no copy.
import { call } from '../core/formula';
import { removeFix } from '../core/issues';
import { mi, mo, row } from '../core/math';
import { defineLayer } from '../core/types';
import { attr, onnxOp } from '../core/onnx';

export type FlattenLayer = {
  kind: 'Flatten';
  id: string;
  inputs?: string[];
};

export const flatten = defineLayer<FlattenLayer>({
  kind: 'Flatten',
  group: 'reshape',
  description: 'Turns an image (channels × height × width) into one flat list of numbers.',
  arity: 'one',
  params: {},
  traits: { view: true },

  infer(layer, ctx) {
    if (ctx.input.length === 3)
      return { output: [ctx.input[0] * ctx.input[1] * ctx.input[2]], wired: {}, issues: [] };
    const why = ctx.lastFlatten
      ? `the input was already flattened by layer ${ctx.lastFlatten.index + 1}, so this second Flatten does nothing`
      : `the input is already flat (${ctx.input[0]} values), so this Flatten does nothing`;
    const issue = ctx.warning(`${ctx.name}: ${why}: remove it`, removeFix(layer));
    return { output: [...ctx.input], wired: {}, issues: [issue] };
  },

  flops: () => 0,
  summary: () => '',
  animation: 'reshape',
  explain: () => ({
    rule: row(mi('y'), mo('='), call(mi('reshape'), mi('x'))),
    size: null,
    legend: 'The same numbers in a new shape.',
  }),
  onnx: onnxOp('Flatten', () => ({ axis: attr.int(1) })),
  python: {
    prefix: 'flatten',
    module: () => 'nn.Flatten()',
    note: ' (channels, then rows, then columns)',
  },
});
