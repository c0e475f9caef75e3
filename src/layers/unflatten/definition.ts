// nn.Unflatten(1, unflattened_size): [C·H·W] -> [C, H, W]; a view, no copy.
import { call } from '../core/formula';
import { formatShape, setFix } from '../core/issues';
import { mi, mo, row } from '../core/math';
import { RULES } from '../core/params';
import { pyInts } from '../core/python';
import { guessImageShape } from '../core/shape-rules';
import { defineLayer } from '../core/types';

export type UnflattenLayer = {
  kind: 'Unflatten';
  id: string;
  inputs?: string[];
  unflattened_size: [number, number, number];
};

export const unflatten = defineLayer<UnflattenLayer>({
  kind: 'Unflatten',
  group: 'reshape',
  description: 'Arranges a flat list of numbers back into channels × height × width.',
  arity: 'one',
  params: {
    unflattened_size: {
      rule: RULES.image,
      default: [1, 28, 28],
      doc: 'The channels × height × width to arrange the flat input into; their product must equal its length.',
      required: true,
    },
  },
  traits: { view: true },

  infer(layer, ctx) {
    const size = layer.unflattened_size;
    const output = [...size];
    if (ctx.input.length !== 1) {
      const message = `Unflatten expects a flat input: insert Flatten before layer ${ctx.index + 1}`;
      return { output, wired: {}, issues: [ctx.error(message, ctx.insertBefore(ctx.newLayer('Flatten')))] };
    }
    const n = ctx.input[0];
    const holds = size[0] * size[1] * size[2];
    if (holds === n) return { output, wired: {}, issues: [] };
    const head = `${ctx.name}: unflattened_size ${formatShape(size)} holds ${holds} values but the input has ${n}`;
    const source = ctx.shapeSource();
    if (source?.sizeParam) {
      const message = `${head}: set ${source.sizeParam} = ${holds} on layer ${source.index + 1}`;
      return {
        output,
        wired: {},
        issues: [ctx.error(message, setFix(source.layer, source.sizeParam, holds))],
      };
    }
    const guess = guessImageShape(n, ctx.lastFlatten?.shape ?? null);
    if (!guess)
      return { output, wired: {}, issues: [ctx.error(`${head}: change unflattened_size so C×H×W = ${n}`)] };
    const message = `${head}: set unflattened_size = [${guess.join(', ')}]`;
    return { output, wired: {}, issues: [ctx.error(message, setFix(layer, 'unflattened_size', guess))] };
  },

  flops: () => 0,
  summary: (layer) => `to ${layer.unflattened_size.join('×')}`,
  animation: 'reshape',
  explain: () => ({
    rule: row(mi('y'), mo('='), call(mi('reshape'), mi('x'))),
    size: null,
    legend: 'The same numbers in a new shape.',
  }),
  onnx: (layer, ctx) =>
    void ctx.node(
      'Reshape',
      [ctx.inputs[0], ctx.int64s('shape', [-1, ...layer.unflattened_size])],
      {},
      ctx.output,
    ),
  python: {
    prefix: 'unflatten',
    module: (layer, name) =>
      `nn.Unflatten(1, ${pyInts(layer.unflattened_size, 3, `${name}.unflattened_size`)})`,
  },
  narrow: (layer, factor) => ({
    ...layer,
    unflattened_size: [
      layer.unflattened_size[0] / factor,
      layer.unflattened_size[1],
      layer.unflattened_size[2],
    ],
  }),
  fuzz: (layer, r) => ({
    ...layer,
    unflattened_size: r.pick<[number, number, number]>([
      [1, 28, 28],
      [4, 7, 7],
      [16, 5, 5],
      [r.size(1, 8), r.size(1, 8), r.size(1, 8)],
    ]),
  }),
});
