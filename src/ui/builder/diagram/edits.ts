// What the diagram's gestures do to the design, as pure functions of the spec: insert a layer on an edge,
// connect one layer's output to another (a merging layer gains an input; any other layer gets an Add or a
// Concat in front of it, merging what it read with the new output: a skip connection), and disconnect one. A connection that would make a loop is refused with a reason; one
// from a later layer moves that layer (and what it needs) earlier, so the list still runs in order.
import { tr } from '../../../i18n';
import { definitionOf, formatShape, type Shape } from '../../../layers';
import { FROM_INPUT, resolveInputs, topologicalOrder } from '../../../layers/core/graph';
import { reorderLayers } from '../../../network/graph-edits';
import {
  defaultLayer,
  INPUT_ID,
  newLayerId,
  type Layer,
  type LayerKind,
  type NetworkSpec,
} from '../../../network/spec';

export type EditResult = { ok: true; spec: NetworkSpec; selected?: string } | { ok: false; reason: string };

/** "layer 3 (ReLU)", or "the input". */
export function nodeName(spec: NetworkSpec, id: string): string {
  if (id === INPUT_ID) return tr('shapes:name.input');
  const i = spec.layers.findIndex((l) => l.id === id);
  return i < 0 ? `"${id}"` : tr('shapes:name.layer', { n: i + 1, kind: spec.layers[i].kind });
}

/** The ids a layer reads, explicit or not ('input' for the network's input). */
export function inputsOf(spec: NetworkSpec, index: number): string[] {
  const layer = spec.layers[index];
  return layer.inputs ?? [index === 0 ? INPUT_ID : spec.layers[index - 1].id];
}

/** The layer with `inputs`, written implicitly where one input is just the layer before it. */
function reading(spec: NetworkSpec, index: number, layer: Layer, inputs: string[]): Layer {
  const { inputs: _old, ...rest } = layer;
  const previous = index === 0 ? INPUT_ID : spec.layers[index - 1].id;
  const single = definitionOf(layer.kind).arity === 'one';
  return (single && inputs.length === 1 && inputs[0] === previous ? rest : { ...rest, inputs }) as Layer;
}

const replaceAt = (spec: NetworkSpec, index: number, layer: Layer): NetworkSpec => ({
  ...spec,
  layers: spec.layers.map((l, i) => (i === index ? layer : l)),
});

/** Does `from` depend on `on` (is `on` upstream of it, or the same layer)? */
function dependsOn(spec: NetworkSpec, from: string, on: string): boolean {
  if (from === on) return true;
  const index = new Map(spec.layers.map((l, i) => [l.id, i]));
  const sources = resolveInputs(spec.layers);
  const seen = new Set<number>();
  const stack = [index.get(from)];
  while (stack.length) {
    const i = stack.pop();
    if (i === undefined || i < 0 || seen.has(i)) continue;
    seen.add(i);
    if (spec.layers[i].id === on) return true;
    for (const s of sources[i]) if (s !== null && s !== FROM_INPUT) stack.push(s);
  }
  return false;
}

/** Reorders the layers so each comes after what it reads, when an edit asked a layer to read a later one. */
function inRunningOrder(spec: NetworkSpec): NetworkSpec {
  const result = topologicalOrder(resolveInputs(spec.layers));
  if (!('order' in result) || result.order.every((n, i) => n === i)) return spec;
  return reorderLayers(
    spec,
    result.order.map((i) => spec.layers[i].id),
  );
}

/**
 * A new `kind` layer on the edge from `source` into input `slot` of `target`: it reads `source`, and
 * `target` reads it there instead. It goes right before `target` in the list.
 */
export function insertOnEdge(
  spec: NetworkSpec,
  kind: LayerKind,
  source: string,
  target: string,
  slot: number,
  id: string = newLayerId(),
): EditResult {
  const t = spec.layers.findIndex((l) => l.id === target);
  if (t < 0) return { ok: false, reason: tr('ui:edits.notInDesign', { target: nodeName(spec, target) }) };
  const inputs = inputsOf(spec, t);
  if (inputs[slot] !== source)
    return {
      ok: false,
      reason: tr('ui:edits.doesNotRead', { target: nodeName(spec, target), source: nodeName(spec, source) }),
    };
  const layers = [...spec.layers];
  const inserted = defaultLayer(kind, id);
  layers.splice(t, 0, inserted);
  let next: NetworkSpec = { ...spec, layers };
  // It reads `source` by name unless `source` is the layer right before it.
  next = replaceAt(next, t, reading(next, t, inserted, [source]));
  next = replaceAt(
    next,
    t + 1,
    reading(
      next,
      t + 1,
      layers[t + 1],
      inputs.map((s, k) => (k === slot ? id : s)),
    ),
  );
  return { ok: true, spec: next, selected: id };
}

/**
 * Makes `target` read `source`'s output too. A merging layer (Add, Concat) gains it as an input; another
 * layer gets a merging layer in front of it that reads what it read and `source`: an Add where the shapes
 * agree, else a Concat where only the image sizes do (channels stack), else an Add, whose error says what
 * to change. `shapeOf` gives a node's output shape where known.
 */
export function connect(
  spec: NetworkSpec,
  source: string,
  target: string,
  shapeOf: (id: string) => Shape | null,
  id: string = newLayerId(),
): EditResult {
  const t = spec.layers.findIndex((l) => l.id === target);
  if (t < 0) return { ok: false, reason: tr('ui:edits.cannotReadInput', { target: nodeName(spec, target) }) };
  if (source !== INPUT_ID && dependsOn(spec, source, target))
    return {
      ok: false,
      reason: tr('ui:edits.loop', { source: nodeName(spec, source), target: nodeName(spec, target) }),
    };
  const layer = spec.layers[t];
  const inputs = inputsOf(spec, t);
  if (inputs.includes(source))
    return {
      ok: false,
      reason: tr('ui:edits.alreadyReads', { target: nodeName(spec, target), source: nodeName(spec, source) }),
    };
  if (definitionOf(layer.kind).arity === 'many')
    return {
      ok: true,
      spec: inRunningOrder(replaceAt(spec, t, reading(spec, t, layer, [...inputs, source]))),
    };
  const [a, b] = [shapeOf(inputs[0]), shapeOf(source)];
  const same = a && b && formatShape(a) === formatShape(b);
  const sameSize = a && b && a.length === 3 && b.length === 3 && a[1] === b[1] && a[2] === b[2];
  const merge = defaultLayer(!same && sameSize ? 'Concat' : 'Add', id);
  const layers = [...spec.layers];
  layers.splice(t, 0, { ...merge, inputs: [inputs[0], source] } as Layer);
  let next: NetworkSpec = { ...spec, layers };
  next = replaceAt(next, t + 1, reading(next, t + 1, layer, [id, ...inputs.slice(1)]));
  return { ok: true, spec: inRunningOrder(next), selected: id };
}

/** Removes input `slot` of a merging layer that reads two or more; any other layer keeps its one input. */
export function disconnect(spec: NetworkSpec, target: string, slot: number): EditResult {
  const t = spec.layers.findIndex((l) => l.id === target);
  if (t < 0) return { ok: false, reason: tr('ui:edits.notInDesign', { target: nodeName(spec, target) }) };
  const inputs = inputsOf(spec, t);
  const layer = spec.layers[t];
  if (definitionOf(layer.kind).arity === 'one' || inputs.length < 2)
    return {
      ok: false,
      reason: tr('ui:edits.needsInput', { target: nodeName(spec, target) }),
    };
  const next = inputs.filter((_, k) => k !== slot);
  return { ok: true, spec: replaceAt(spec, t, reading(spec, t, layer, next)) };
}
