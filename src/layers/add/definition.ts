// Add (a residual connection, PyTorch's `a + b`): y = x₁ + x₂ (+ ...) for inputs of one shape; each input's
// gradient is the output's.
import { formatShape, setFix } from '../core/issues';
import { mi, mo, row, sub } from '../core/math';
import { sizeOf } from '../core/summary';
import type { InferResult } from '../core/types';
import { defineLayer } from '../core/types';

export type AddLayer = {
  kind: 'Add';
  id: string;
  inputs?: string[];
};

const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

export const add = defineLayer<AddLayer>({
  kind: 'Add',
  group: 'merge',
  description: 'Adds two or more inputs of the same shape: a residual (skip) connection.',
  arity: 'many',
  params: {},

  infer(_layer, ctx): InferResult {
    const [first] = ctx.inputs;
    if (ctx.inputs.length < 2) {
      const [candidate] = ctx.earlier((shape) => same(shape, first));
      const fix = candidate && ctx.connect([...ctx.inputIds, candidate.id], `Add ${candidate.name}`);
      const message = `${ctx.name} adds two inputs or more, but only ${ctx.inputNames[0]} is connected: connect a second input of shape ${formatShape(first)}${candidate ? `, such as ${candidate.name}` : ''}`;
      return { output: [...first], wired: {}, issues: [ctx.error(message, fix)] };
    }
    const k = ctx.inputs.findIndex((shape) => !same(shape, first));
    if (k < 0) return { output: [...first], wired: {}, issues: [] };
    const other = ctx.inputs[k];
    const head = `${ctx.name}: ${ctx.inputNames[0]} gives ${formatShape(first)} but ${ctx.inputNames[k]} gives ${formatShape(other)}; an Add needs equal shapes`;
    // Only the channels differ: the layer that sets input k's channels can match the first input's.
    const source = ctx.shapeSource(k);
    if (first.length === other.length && same(first.slice(1), other.slice(1)) && source?.sizeParam) {
      const message = `${head}: set ${source.sizeParam} = ${first[0]} on layer ${source.index + 1}`;
      return {
        output: null,
        wired: {},
        issues: [ctx.error(message, setFix(source.layer, source.sizeParam, first[0]))],
      };
    }
    const hint =
      first.length === 3 && other.length === 3
        ? ': give the shorter path a stride or pooling, or a 1×1 Conv2d that matches the channels'
        : '';
    return { output: null, wired: {}, issues: [ctx.error(`${head}${hint}`)] };
  },

  flops: (_layer, inputs, output) => (inputs.length - 1) * sizeOf(output),
  summary: (layer) => `${layer.inputs?.length ?? 1} inputs`,
  animation: 'add',
  explain: (layer) => {
    const n = Math.max(2, layer.inputs?.length ?? 2);
    const terms = Array.from({ length: n }, (_, i) => sub(mi('x'), mi(String(i + 1))));
    return {
      rule: row(mi('y'), mo('='), ...terms.flatMap((t, i) => (i ? [mo('+'), t] : [t]))),
      size: null,
      legend: 'Value by value; in training each input receives the whole gradient of y.',
    };
  },
  // a + b + c, left to right as PyTorch adds them.
  onnx(_layer, ctx) {
    const [first, ...rest] = ctx.inputs;
    rest.reduce(
      (sum, next, i) => ctx.node('Add', [sum, next], {}, i === rest.length - 1 ? ctx.output : undefined),
      first,
    );
  },
  python: {
    prefix: 'add',
    call: (inputs: readonly string[]) => inputs.join(' + '),
  },
});
