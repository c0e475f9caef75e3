// Edits of a design as a graph. A layer without `inputs` reads whatever comes before it, so moving or
// removing it rewires only itself; a layer that names its inputs keeps them, and readers of a removed
// layer are passed on to what it read.
import { NETWORK_INPUT } from '../layers/core/graph';
import type { Layer, NetworkSpec } from './spec';

const withInputs = (layer: Layer, inputs: string[] | undefined): Layer => {
  const { inputs: _old, ...rest } = layer;
  return (inputs === undefined ? rest : { ...rest, inputs }) as Layer;
};

/** The id a layer reads first: its first named input, or the layer before it ('input' for the first). */
export function firstInputId(spec: NetworkSpec, index: number): string {
  const layer = spec.layers[index];
  if (layer.inputs && layer.inputs.length > 0) return layer.inputs[0];
  return index === 0 ? NETWORK_INPUT : spec.layers[index - 1].id;
}

/**
 * Insert at `index`. With `before` (a layer that names its inputs), the new layer reads that layer's first
 * input and that layer reads the new one instead: the new layer lands on that edge.
 */
export function insertLayer(spec: NetworkSpec, index: number, layer: Layer, before?: string): NetworkSpec {
  const at = Math.max(0, Math.min(index, spec.layers.length));
  const target = before === undefined ? -1 : spec.layers.findIndex((l) => l.id === before);
  let inserted = layer;
  const layers = spec.layers.map((l, i) => {
    if (i !== target || !l.inputs) return l;
    inserted = withInputs(layer, [l.inputs[0]]);
    return withInputs(l, [layer.id, ...l.inputs.slice(1)]);
  });
  layers.splice(at, 0, inserted);
  return { ...spec, layers };
}

/** Remove a layer; layers that named it read what it read first instead. */
export function removeLayer(spec: NetworkSpec, id: string): NetworkSpec {
  const index = spec.layers.findIndex((l) => l.id === id);
  if (index < 0) return spec;
  const replacement = firstInputId(spec, index);
  const layers = spec.layers
    .filter((l) => l.id !== id)
    .map((l) =>
      l.inputs?.includes(id)
        ? withInputs(
            l,
            l.inputs.map((s) => (s === id ? replacement : s)),
          )
        : l,
    );
  return { ...spec, layers };
}

/**
 * Put the layers in `order` (ids; any left out keep their relative order at the end). Layers that read
 * "the previous layer" are given their current input by name first, so the reorder changes no edge.
 */
export function reorderLayers(spec: NetworkSpec, order: readonly string[]): NetworkSpec {
  const pinned = spec.layers.map((l, i) => (l.inputs ? l : withInputs(l, [firstInputId(spec, i)])));
  const rank = new Map(order.map((id, i) => [id, i]));
  const sorted = pinned
    .map((l, i) => ({ l, key: rank.get(l.id) ?? order.length + i }))
    .sort((a, b) => a.key - b.key)
    .map(({ l }) => l);
  // Drop names that now say the same as "the previous layer".
  const layers = sorted.map((l, i) => {
    const previous = i === 0 ? NETWORK_INPUT : sorted[i - 1].id;
    return l.inputs?.length === 1 && l.inputs[0] === previous ? withInputs(l, undefined) : l;
  });
  return { ...spec, layers };
}
