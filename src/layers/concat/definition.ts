// Concat (torch.cat(..., dim=1)): stacks its inputs' channels (images of one height and width) or
// features (flat vectors); each input's gradient is its slice of the output's.
import { formatShape } from '../core/issues';
import { mi, mo, row, sub } from '../core/math';
import { call } from '../core/formula';
import type { InferResult, Shape } from '../core/types';
import { defineLayer } from '../core/types';
import { attr, onnxOp } from '../core/onnx';

export type ConcatLayer = {
  kind: 'Concat';
  id: string;
  inputs?: string[];
};

/** Whether `b` can be stacked onto `a` along dim 1: both flat, or images of one height and width. */
const stacks = (a: Shape, b: Shape) =>
  a.length === b.length && (a.length === 1 || (a[1] === b[1] && a[2] === b[2]));

export const concat = defineLayer<ConcatLayer>({
  kind: 'Concat',
  group: 'merge',
  description: "Stacks its inputs' channels (or features) into one: a U-Net or DenseNet skip.",
  arity: 'many',
  params: {},

  infer(_layer, ctx): InferResult {
    const [first] = ctx.inputs;
    if (ctx.inputs.length < 2) {
      const [candidate] = ctx.earlier((shape) => stacks(first, shape));
      const fix = candidate && ctx.connect([...ctx.inputIds, candidate.id], `Concatenate ${candidate.name}`);
      const what = first.length === 3 ? `an image of ${formatShape(first.slice(1))} pixels` : 'a flat input';
      const message = `${ctx.name} stacks two inputs or more, but only ${ctx.inputNames[0]} is connected: connect ${what}${candidate ? `, such as ${candidate.name}` : ''}`;
      return { output: [...first], wired: {}, issues: [ctx.error(message, fix)] };
    }
    const k = ctx.inputs.findIndex((shape) => !stacks(first, shape));
    if (k >= 0) {
      const other = ctx.inputs[k];
      const why =
        first.length !== other.length
          ? 'one is an image and the other flat'
          : `their heights and widths differ (${formatShape(first.slice(1))} and ${formatShape(other.slice(1))})`;
      const message = `${ctx.name}: ${ctx.inputNames[0]} gives ${formatShape(first)} and ${ctx.inputNames[k]} gives ${formatShape(other)}; ${why}, so their channels cannot be stacked: resize one path (pooling, stride or Upsample)`;
      return { output: null, wired: {}, issues: [ctx.error(message)] };
    }
    const channels = ctx.inputs.reduce((a, shape) => a + shape[0], 0);
    return { output: [channels, ...first.slice(1)], wired: {}, issues: [] };
  },

  // A copy: no arithmetic.
  flops: () => 0,
  summary: (layer) => `${layer.inputs?.length ?? 1} inputs`,
  animation: 'concat',
  explain: (layer) => {
    const n = Math.max(2, layer.inputs?.length ?? 2);
    const parts = Array.from({ length: n }, (_, i) => sub(mi('x'), mi(String(i + 1))));
    return {
      rule: row(mi('y'), mo('='), call(mi('cat'), ...parts)),
      size: null,
      legend: 'The channels of the inputs one after another; the height and width stay.',
    };
  },
  onnx: onnxOp('Concat', () => ({ axis: attr.int(1) })),
  python: {
    prefix: 'cat',
    call: (inputs: readonly string[]) => `torch.cat([${inputs.join(', ')}], dim=1)`,
  },
});
