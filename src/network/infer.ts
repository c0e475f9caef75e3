// One layer's shape inference: the context its definition's rule sees, built from the analysed graph.
import {
  definitionOf,
  isLayerKind,
  layerIssue,
  layerName,
  SPEC_LIMITS,
  type InferContext,
  type InferResult,
  type LayerAt,
  type LayerData,
  type ParamValue,
  type Shape,
  type SpecIssue,
  valueProblem as valueProblemOf,
} from '../layers';
import { FROM_INPUT, NETWORK_INPUT } from '../layers/core/graph';
import { tr } from '../i18n';
import { connectFix, fixLayer, formatShape, insertFix, setFix, plural } from './issue-helpers';
import type { Layer, NetworkSpec } from './spec';

/** What the analysis knows of the graph so far, in list order. */
export interface GraphSoFar {
  spec: NetworkSpec;
  /** For each layer, where its inputs come from (FROM_INPUT, an index, or null for an unknown id). */
  sources: readonly (readonly (number | null)[])[];
  /** For each layer analysed so far, its output (null where inference stopped). */
  outputs: readonly (Shape | null)[];
  /** The network input's shape (null when the input itself is wrong). */
  input: Shape | null;
  /** For each layer, the latest Flatten on its first-input path, including itself. */
  flattens: readonly ({ index: number; shape: Shape } | null)[];
}

const data = (layer: Layer) => layer as unknown as LayerData;

/** "the input", "the previous layer" or "layer 2 (ReLU)". */
export function sourceName(spec: NetworkSpec, index: number, source: number): string {
  if (source === FROM_INPUT) return tr('shapes:name.input');
  if (spec.layers[index].inputs === undefined) return tr('shapes:name.previous');
  return layerName(source, spec.layers[source]);
}

/** The nearest layer up the first-input path that sets the shape, skipping pass-through layers. */
export function shapeSourceOf(
  spec: NetworkSpec,
  sources: GraphSoFar['sources'],
  index: number,
  slot = 0,
): LayerAt | null {
  let at = sources[index]?.[slot] ?? null;
  while (at !== null && at >= 0) {
    const layer = spec.layers[at];
    const definition = isLayerKind(layer.kind) ? definitionOf(layer.kind) : null;
    if (!definition?.traits?.passThrough) {
      return { index: at, layer: data(layer), sizeParam: definition?.traits?.sizeParam };
    }
    at = sources[at]?.[0] ?? null;
  }
  return null;
}

export function contextFor(graph: GraphSoFar, index: number, inputs: Shape[]): InferContext {
  const { spec } = graph;
  const layer = spec.layers[index];
  const name = layerName(index, layer);
  const first = graph.sources[index][0] ?? FROM_INPUT;
  const from = graph.sources[index].map((s) => s ?? FROM_INPUT);
  const idOf = (s: number) => (s === FROM_INPUT ? NETWORK_INPUT : spec.layers[s].id);
  const nameOf = (s: number) => (s === FROM_INPUT ? tr('shapes:name.input') : layerName(s, spec.layers[s]));
  const ctx: InferContext = {
    index,
    inputs,
    input: inputs[0],
    autoWire: spec.autoWire,
    name,
    sourceName: sourceName(spec, index, first),
    inputIds: from.map(idOf),
    inputNames: from.map(nameOf),
    lastFlatten: first === FROM_INPUT ? null : (graph.flattens[first] ?? null),
    shapeSource: (slot = 0) => shapeSourceOf(spec, graph.sources, index, slot),
    earlier(accept) {
      const out: { id: string; name: string; shape: Shape }[] = [];
      for (let s = index - 1; s >= FROM_INPUT; s--) {
        const shape = s === FROM_INPUT ? graph.input : graph.outputs[s];
        if (shape && !from.includes(s) && accept(shape)) out.push({ id: idOf(s), name: nameOf(s), shape });
      }
      return out;
    },
    connect: (inputs, label) => connectFix(layer, inputs, label),
    newLayer: (kind: string, params: Record<string, ParamValue> = {}) =>
      fixLayer(spec, kind as Layer['kind'], index, params),
    insertBefore(inserted: LayerData, what?: string) {
      const fix = insertFix(index, inserted, what);
      // A layer that names its inputs keeps them unless the fix also rewires it through the new layer.
      if (layer.inputs !== undefined && fix.action.type === 'insert') fix.action.before = layer.id;
      return fix;
    },
    error: (message, fix) => layerIssue(index, layer, 'error', message, fix),
    warning: (message, fix) => layerIssue(index, layer, 'warning', message, fix),
    wire(param, actual, unit, wired, issues) {
      if (spec.autoWire) {
        wired[param] = actual;
        return;
      }
      const declared = data(layer)[param];
      if (declared === actual) return;
      const message = tr('shapes:wire', {
        name,
        param,
        declared: String(declared),
        source: ctx.sourceName,
        actual: plural(actual, unit),
        value: actual,
      });
      issues.push(layerIssue(index, layer, 'error', message, setFix(layer, param, actual)));
    },
  };
  return ctx;
}

/** A layer's output shape, wired parameters and shape issues, given its inputs' shapes. */
export function inferLayer(graph: GraphSoFar, index: number, inputs: Shape[]): InferResult {
  const layer = graph.spec.layers[index];
  const ctx = contextFor(graph, index, inputs);
  const result = definitionOf(layer.kind).infer(data(layer), ctx);
  const out = result.output;
  // Stacked upsampling can grow images without bound; stop before sizes lose meaning.
  if (out && out.length === 3 && Math.max(out[1], out[2]) > SPEC_LIMITS.maxSpatial) {
    const message = tr('shapes:outputTooLarge', {
      name: ctx.name,
      size: formatShape(out.slice(1)),
      max: SPEC_LIMITS.maxSpatial,
    });
    return { ...result, output: null, issues: [...result.issues, ctx.error(message)] };
  }
  return result;
}

/** Range errors for every parameter (each with the default as its fix), then the kind's own rules. */
export function checkParams(layer: Layer, index: number): SpecIssue[] {
  const definition = definitionOf(layer.kind);
  const values = data(layer);
  const name = layerName(index, layer);
  const issues: SpecIssue[] = [];
  for (const [param, spec] of Object.entries(definition.params)) {
    const problem = valueProblemOf(param, spec.rule, values[param]);
    if (problem === null) continue;
    const message = `${name}: ${problem}${spec.hint ? tr(spec.hint) : ''}`;
    issues.push(layerIssue(index, layer, 'error', message, setFix(layer, param, spec.default)));
  }
  if (issues.length > 0 || !definition.check) return issues;
  return definition.check(values, {
    index,
    name,
    error: (message, fix) => layerIssue(index, layer, 'error', message, fix),
  });
}
