// What layers that act on each value alone share: the output has the input's shape, one operation per value.
import { sizeOf } from './summary';
import type { InferResult, LayerDefinition, Shape } from './types';

export const sameShape = (_layer: unknown, ctx: { input: Shape }): InferResult => ({
  output: [...ctx.input],
  wired: {},
  issues: [],
});

export const perValueFlops = (_layer: unknown, _inputs: readonly Shape[], output: Shape) => sizeOf(output);

/** Shape, count and traits of an activation: pass-through, squashing. */
export const ACTIVATION = {
  group: 'activation',
  arity: 'one',
  infer: sameShape,
  flops: perValueFlops,
  traits: { passThrough: true, squashes: true },
} as const satisfies Partial<LayerDefinition>;
