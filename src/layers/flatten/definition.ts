// nn.Flatten() (start_dim=1): [C, H, W] -> [C·H·W], channels then rows then columns; a view, no copy.
import { call } from '../core/formula';
import { removeFix } from '../core/issues';
import { mi, mo, row } from '../core/math';
import { defineLayer } from '../core/types';
import { attr, onnxOp } from '../core/onnx';
import { tr } from '../../i18n';

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
    const message = ctx.lastFlatten
      ? tr('shapes:flatten.twice', { name: ctx.name, layer: ctx.lastFlatten.index + 1 })
      : tr('shapes:flatten.alreadyFlat', { name: ctx.name, n: ctx.input[0] });
    const issue = ctx.warning(message, removeFix(layer));
    return { output: [...ctx.input], wired: {}, issues: [issue] };
  },

  flops: () => 0,
  summary: () => '',
  animation: 'reshape',
  explain: () => ({
    rule: row(mi('y'), mo('='), call(mi('reshape'), mi('x'))),
    size: null,
    legend: tr('explain:legend.reshape'),
  }),
  onnx: onnxOp('Flatten', () => ({ axis: attr.int(1) })),
  python: {
    prefix: 'flatten',
    module: () => 'nn.Flatten()',
    get note() {
      return tr('export:flattenNote');
    },
  },
});
