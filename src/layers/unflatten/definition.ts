// nn.Unflatten(1, unflattened_size): [C·H·W] -> [C, H, W]; a view, no copy.
import { call } from '../core/formula';
import { formatShape, setFix } from '../core/issues';
import { mi, mo, row } from '../core/math';
import { RULES } from '../core/params';
import { pyInts } from '../core/python';
import { guessImageShape } from '../core/shape-rules';
import { defineLayer } from '../core/types';
import { tr } from '../../i18n';

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
      const message = tr('shapes:needFlat', { kind: 'Unflatten', index: ctx.index + 1 });
      return { output, wired: {}, issues: [ctx.error(message, ctx.insertBefore(ctx.newLayer('Flatten')))] };
    }
    const n = ctx.input[0];
    const holds = size[0] * size[1] * size[2];
    if (holds === n) return { output, wired: {}, issues: [] };
    const head = tr('shapes:unflatten.holds', { name: ctx.name, size: formatShape(size), holds, n });
    const source = ctx.shapeSource();
    if (source?.sizeParam) {
      const message = tr('shapes:unflatten.setSource', {
        head,
        param: source.sizeParam,
        holds,
        layer: source.index + 1,
      });
      return {
        output,
        wired: {},
        issues: [ctx.error(message, setFix(source.layer, source.sizeParam, holds))],
      };
    }
    const guess = guessImageShape(n, ctx.lastFlatten?.shape ?? null);
    if (!guess) return { output, wired: {}, issues: [ctx.error(tr('shapes:unflatten.change', { head, n }))] };
    const message = tr('shapes:unflatten.set', { head, guess: guess.join(', ') });
    return { output, wired: {}, issues: [ctx.error(message, setFix(layer, 'unflattened_size', guess))] };
  },

  flops: () => 0,
  summary: (layer) => tr('explain:summary.to', { shape: layer.unflattened_size.join('×') }),
  animation: 'reshape',
  explain: () => ({
    rule: row(mi('y'), mo('='), call(mi('reshape'), mi('x'))),
    size: null,
    legend: tr('explain:legend.reshape'),
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
