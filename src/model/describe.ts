// A model's description, shared by the GPU and CPU backends: each layer's inputs and shapes (from its
// definition's rule), and where every parameter and buffer lives in the flat arrays. Parameters are one
// flat float array (gradients and optimizer state mirror it), each tensor starting on a 256-byte
// boundary so it can be bound as its own storage view.
import {
  defaultLayer,
  definitionOf,
  formatShape,
  type InferContext,
  type Layer,
  type LayerData,
  type Shape,
} from '../layers';
import { FROM_INPUT, resolveInputs } from '../layers/core/graph';
import type { FlatTensor, LayerPlan } from '../layers/plans';
import { OFFSET_ALIGNMENT, sizeOf } from '../engine/tensor';

export type { FlatTensor, LayerPlan } from '../layers/plans';

/** A layer as the engine reads it: a kind, its PyTorch parameters, and optionally an id and inputs. */
export type ModelLayer = { kind: string; id?: string; inputs?: string[] };

/** A layer written by hand for the engine (tests, benches): no id needed, and parameters left out take
 *  PyTorch's defaults. */
export type LayerDesc = Layer extends infer L
  ? L extends Layer
    ? Partial<Omit<L, 'id' | 'kind'>> & { kind: L['kind']; id?: string }
    : never
  : never;

export interface ModelDescription {
  inputShape: number[];
  /** In running order: every layer after the layers it reads. The last one is the output. */
  layers: LayerPlan[];
  outputShape: number[];
  /** Length of the flat parameter array in floats, padding included. */
  paramFloats: number;
  /** Number of trainable values (no padding): the parameter count users see. */
  parameterCount: number;
  bufferFloats: number;
}

/** True for layers whose output is a view of their input (no kernel, shared buffer). */
export function isView(plan: LayerPlan): boolean {
  return Boolean(definitionOf(plan.layer.kind).traits?.view);
}

const ALIGN_FLOATS = OFFSET_ALIGNMENT / 4;
const align = (n: number) => Math.ceil(n / ALIGN_FLOATS) * ALIGN_FLOATS;

/** The rule context of a layer being built: every parameter is already wired, so a mismatch is an error. */
function buildContext(index: number, layer: LayerData, inputs: Shape[]): InferContext {
  const name = `layer ${index + 1} (${layer.kind})`;
  const issue = (severity: 'error' | 'warning') => (message: string) => ({
    layerIndex: index,
    layerId: layer.id ?? null,
    severity,
    message,
  });
  const noFix = { label: '', action: { type: 'remove' as const, layerId: '' } };
  return {
    index,
    inputs,
    input: inputs[0],
    autoWire: false,
    name,
    sourceName: 'its input',
    inputIds: inputs.map(() => ''),
    inputNames: inputs.map((_, k) => `input ${k + 1}`),
    lastFlatten: null,
    shapeSource: () => null,
    earlier: () => [],
    connect: () => noFix,
    newLayer: (kind) => ({ kind, id: '' }),
    insertBefore: () => noFix,
    error: issue('error'),
    warning: issue('warning'),
    wire(param, actual, unit, _wired, issues) {
      if (layer[param] !== actual)
        issues.push(
          issue('error')(
            `${name} expects ${String(layer[param])} ${unit}s, its input has ${actual} (${param})`,
          ),
        );
    },
  };
}

/**
 * Shapes and flat layout of a layer graph on a per-sample input shape (layers read the previous layer
 * unless their `inputs` name others); throws a specific Error if it cannot be built.
 */
export function describeModel<L extends ModelLayer>(
  inputShape: readonly number[],
  layers: readonly L[],
): ModelDescription {
  let paramFloats = 0;
  let bufferFloats = 0;
  let parameterCount = 0;
  const sources = resolveInputs(layers.map((l, i) => ({ ...l, id: l.id ?? `#${i}` })));
  const outputs: Shape[] = [];
  const plans = layers.map((raw, i): LayerPlan => {
    const definition = definitionOf(raw.kind);
    // Parameters a hand-written layer leaves out take PyTorch's defaults.
    const layer = {
      ...(defaultLayer(raw.kind as Layer['kind'], raw.id ?? `#${i}`) as LayerData),
      ...(raw as LayerData),
    };
    const from = sources[i].map((s) => {
      if (s === null || s >= i)
        throw new Error(`layer ${i + 1} (${layer.kind}) reads a layer that does not come before it`);
      return s;
    });
    const inShapes = from.map((s) => (s === FROM_INPUT ? [...inputShape] : outputs[s]));
    if (definition.arity === 'one' && inShapes.length !== 1)
      throw new Error(`layer ${i + 1} (${layer.kind}) reads one input, not ${inShapes.length}`);
    const result = definition.infer(layer, buildContext(i, layer, inShapes));
    const error = result.issues.find((issue) => issue.severity === 'error');
    if (error) throw new Error(error.message);
    const shape = result.output;
    if (!shape || shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new Error(
        `layer ${i + 1} (${layer.kind}) would output [${shape ?? ''}] from [${inShapes.map(formatShape).join(', ')}]`,
      );
    }
    outputs.push(shape);
    const params: FlatTensor[] = [];
    const buffers: FlatTensor[] = [];
    for (const t of definition.tensors?.(layer) ?? []) {
      const size = sizeOf(t.shape);
      const offset = t.buffer ? bufferFloats : paramFloats;
      const flat = { name: t.name, shape: t.shape, offset, size, fanIn: t.fanIn, init: t.init };
      if (t.buffer) {
        bufferFloats = align(bufferFloats + size);
        buffers.push(flat);
      } else {
        paramFloats = align(paramFloats + size);
        parameterCount += size;
        params.push(flat);
      }
    }
    return { layer, inputs: from, inShapes, inShape: inShapes[0], outShape: shape, params, buffers };
  });
  return {
    inputShape: [...inputShape],
    layers: plans,
    outputShape: outputs.length > 0 ? outputs[outputs.length - 1] : [...inputShape],
    paramFloats: Math.max(paramFloats, ALIGN_FLOATS),
    parameterCount,
    bufferFloats: Math.max(bufferFloats, ALIGN_FLOATS),
  };
}

/** A distinct u32 dropout seed per layer, from the run's seed (the same on both backends). */
export function layerSeed(seed: number, layer: number): number {
  return (seed + Math.imul(layer + 1, 0x9e3779b1)) >>> 0;
}
