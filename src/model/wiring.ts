// How gradients flow through a layer graph, for both backends. Each edge (a layer's input slot) gets a
// tensor its reader's backward writes. A source's first edge writes the source's own gradient directly;
// every further edge writes a buffer of its own that is added into the source's gradient just before the
// source's backward (fan-out: gradients add up). A view (Flatten) shares its input's buffers when it is
// its source's first edge. Sources that are the network input, or views of it, need no gradient in
// training unless the caller asks for the input gradient.
import { definitionOf } from '../layers';
import { FROM_INPUT } from '../layers/core/graph';
import type { ModelDescription } from './describe';

export interface GradientTensors<T> {
  /** Each layer's output gradient, [B, ...outShape]. */
  dy: T[];
  /** The network input's gradient, [B, ...inputShape]. */
  inputGrad: T;
  /** Each edge's gradient tensor (every edge, as when the input gradient is wanted). */
  edges: T[][];
  /** Whether edge [node][slot] carries the input's gradient (a source that is the input or a view of it). */
  fromInput: boolean[][];
  /** For each source (index + 1; 0 is the network input): edge tensors to add into its gradient. */
  accumulate: T[][];
}

/**
 * `alloc(name, shape)` makes a fresh batched tensor, `reshape(t, shape)` a view of one. Shapes here are
 * batched: [B, ...perSample].
 */
export function planGradients<T>(
  desc: ModelDescription,
  batch: number,
  alloc: (name: string, shape: number[]) => T,
  reshape: (t: T, shape: number[]) => T,
): GradientTensors<T> {
  const layers = desc.layers;
  const isView = layers.map((p) => Boolean(definitionOf(p.layer.kind).traits?.view));
  const inputGrad = alloc('input/dx', [batch, ...desc.inputShape]);
  const primary = new Map<number, string>();
  layers.forEach((p, j) =>
    p.inputs.forEach((s, k) => {
      if (!primary.has(s)) primary.set(s, `${j}/${k}`);
    }),
  );
  const dy: T[] = [];
  const dyOf = (s: number) => (s === FROM_INPUT ? inputGrad : dy[s]);
  const accumulate: T[][] = [[], ...layers.map(() => [])];
  const inputLike: boolean[] = [];
  const edges = layers.map((p, j) => {
    const shape = [batch, ...p.outShape];
    const first = primary.get(p.inputs[0]) === `${j}/0`;
    dy.push(isView[j] && first ? reshape(dyOf(p.inputs[0]), shape) : alloc(`layer${j}/dy`, shape));
    inputLike.push(isView[j] && (p.inputs[0] === FROM_INPUT || inputLike[p.inputs[0]]));
    return p.inputs.map((s, k) => {
      const inShape = [batch, ...p.inShapes[k]];
      if (primary.get(s) === `${j}/${k}`) return reshape(dyOf(s), inShape);
      const own = isView[j] ? reshape(dy[j], inShape) : alloc(`layer${j}/dx${k}`, inShape);
      accumulate[s + 1].push(own);
      return own;
    });
  });
  const fromInput = layers.map((p) => p.inputs.map((s) => s === FROM_INPUT || inputLike[s]));
  return { dy, inputGrad, edges, fromInput, accumulate };
}
