// Validation and shape inference over a whole design: the graph's checks, then one pass in list order
// (every layer after the layers it reads), each layer's rule taken from its definition.
import { tr } from '../i18n';
import { asData, definitionOf, type Shape, type Wired } from '../layers';
import { FROM_INPUT, resolveInputs } from '../layers/core/graph';
import { checkGraph } from './graph-checks';
import { checkParams, inferLayer, type GraphSoFar } from './infer';
import { layerIssue, layerName } from './issue-helpers';
import type { SpecIssue } from './issues';
import {
  checkMemory,
  DEFAULT_LIMITS,
  memoryOf,
  type MemoryEstimate,
  type MemoryLimits,
  type SizedLayer,
} from './memory';
import type { Layer, LayerKind, NetworkSpec } from './spec';
import { inputShapeOf } from './spec';
import { checkInput, checkLayerCount, checkOutput } from './task-checks';

export interface LayerInfo {
  index: number;
  id: string;
  kind: LayerKind;
  /** Where each input comes from: a layer index, or -1 for the network's input. */
  inputs: number[];
  /** Per-sample shapes of the first input and of every input; null once inference has stopped. */
  inputShape: Shape | null;
  inputShapes: (Shape | null)[];
  outputShape: Shape | null;
  /** Trainable parameters (PyTorch's count). */
  params: number;
  /** Forward FLOPs per sample (2 per multiply-add; see each definition's flops). */
  flops: number;
  /** Parameters taken from the input because autoWire is on. */
  wired: Wired;
  issues: SpecIssue[];
}

export interface SpecAnalysis {
  layers: LayerInfo[];
  /** Every issue: network-wide first, then per layer in order, then output and memory. */
  issues: SpecIssue[];
  /** No errors (warnings allowed). */
  valid: boolean;
  totalParams: number;
  totalFlops: number;
  /** The last layer's output; null when inference stopped early. */
  outputShape: Shape | null;
  memory: MemoryEstimate;
}

export interface AnalyzeOptions {
  /** Device limits for the size guard; DEFAULT_LIMITS where omitted. */
  limits?: Partial<MemoryLimits>;
  /** Batch size the memory guard assumes (default 64). */
  batchSize?: number;
}

const hasError = (issues: readonly SpecIssue[]) => issues.some((i) => i.severity === 'error');

type Analysed = LayerInfo & { buffers: number };

/** Parameters and buffers of a (wired) layer, as PyTorch counts numel(). */
function counts(layer: Layer): { params: number; buffers: number } {
  let params = 0;
  let buffers = 0;
  for (const t of definitionOf(layer.kind).tensors?.(asData(layer)) ?? []) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.buffer) buffers += size;
    else params += size;
  }
  return { params, buffers };
}

function inferAll(spec: NetworkSpec): { network: SpecIssue[]; layers: Analysed[] } {
  const inputIssues = checkInput(spec);
  const sources = resolveInputs(spec.layers);
  const graph = checkGraph(spec, sources);
  const network = [...inputIssues, ...checkLayerCount(spec)];
  const input: Shape | null = inputIssues.length > 0 ? null : inputShapeOf(spec);
  const outputs: (Shape | null)[] = [];
  const flattens: GraphSoFar['flattens'][number][] = [];
  const so: GraphSoFar = { spec, sources, outputs, flattens, input };
  const shapeOf = (s: number | null) => (s === FROM_INPUT ? input : s === null ? null : (outputs[s] ?? null));
  const layers = spec.layers.map((layer, index): Analysed => {
    const from = sources[index];
    const inputShapes = graph.broken.has(index) ? from.map(() => null) : from.map(shapeOf);
    const paramIssues = checkParams(layer, index);
    const graphIssues = graph.issues.filter((i) => i.layerIndex === index);
    let output: Shape | null = null;
    let wired: Wired = {};
    let issues = [...graphIssues, ...paramIssues];
    const known = inputShapes.every((s) => s !== null) ? (inputShapes as Shape[]) : null;
    if (!hasError(paramIssues) && known) {
      const step = inferLayer(so, index, known);
      ({ output, wired } = step);
      issues = [...issues, ...step.issues];
    }
    outputs.push(output);
    const first = from[0] ?? null;
    const flattensHere =
      definitionOf(layer.kind).traits?.view && known?.[0].length === 3 && output?.length === 1;
    flattens.push(
      flattensHere
        ? { index, shape: known![0] }
        : first === null || first === FROM_INPUT
          ? null
          : (flattens[first] ?? null),
    );
    const valid = !hasError(paramIssues);
    const wiredLayer = { ...layer, ...wired } as Layer;
    const count = valid ? counts(wiredLayer) : { params: 0, buffers: 0 };
    return {
      index,
      id: layer.id,
      kind: layer.kind,
      inputs: from.map((s) => s ?? FROM_INPUT),
      inputShape: inputShapes[0] ?? null,
      inputShapes,
      outputShape: output,
      params: count.params,
      flops: valid && known && output ? definitionOf(layer.kind).flops(asData(wiredLayer), known, output) : 0,
      buffers: count.buffers,
      wired,
      issues,
    };
  });
  const networkGraphIssues = graph.issues.filter((i) => i.layerIndex === null);
  return { network: [...network, ...networkGraphIssues], layers };
}

function sized(spec: NetworkSpec, layers: readonly Analysed[]): SizedLayer[] {
  return layers.map((l) => ({
    layer: spec.layers[l.index],
    index: l.index,
    outputShape: l.outputShape,
    params: l.params,
    buffers: l.buffers,
  }));
}

export function analyzeSpec(spec: NetworkSpec, options: AnalyzeOptions = {}): SpecAnalysis {
  const { network, layers } = inferAll(spec);
  const batchSize = options.batchSize ?? 64;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const last = layers.length > 0 ? layers[layers.length - 1].outputShape : null;
  const complete = layers.length > 0 && layers.every((l) => l.outputShape !== null);
  const output = complete ? last : null;
  const outputIssues = output ? checkOutput(spec, output) : [];
  if (outputIssues.length > 0)
    layers[layers.length - 1].issues.push(...outputIssues.filter((i) => i.layerIndex !== null));
  for (const l of layers) {
    const issue = checkBatchStatistics(spec.layers[l.index], l, batchSize);
    if (issue) l.issues.push(issue);
  }
  const input = inputShapeOf(spec);
  const memoryIssues = checkMemory(input, sized(spec, layers), batchSize, limits);
  for (const issue of memoryIssues)
    if (issue.layerIndex !== null) layers[issue.layerIndex].issues.push(issue);
  const issues = [
    ...network,
    ...layers.flatMap((l) => l.issues),
    ...outputIssues.filter((i) => i.layerIndex === null),
    ...memoryIssues.filter((i) => i.layerIndex === null),
  ];
  return {
    layers: layers.map(({ buffers: _buffers, ...info }) => info),
    issues,
    valid: !hasError(issues),
    totalParams: layers.reduce((a, l) => a + l.params, 0),
    totalFlops: layers.reduce((a, l) => a + l.flops, 0),
    outputShape: output,
    memory: memoryOf(input, sized(spec, layers), batchSize),
  };
}

/** Batch statistics need two values per channel (PyTorch refuses one): batch × H × W ≥ 2. */
function checkBatchStatistics(layer: Layer, info: LayerInfo, batchSize: number): SpecIssue | null {
  const shape = info.inputShape;
  if (!definitionOf(layer.kind).traits?.batchStatistics) return null;
  if (!shape || shape.length !== 3 || batchSize * shape[1] * shape[2] > 1) return null;
  const message = tr('network:batchNorm1x1', { name: layerName(info.index, layer), kind: layer.kind });
  return layerIssue(info.index, layer, 'error', message);
}

/** GPU memory for one training step at this batch size (see MemoryEstimate). */
export function estimateMemory(spec: NetworkSpec, batchSize: number): MemoryEstimate {
  const { layers } = inferAll(spec);
  return memoryOf(inputShapeOf(spec), sized(spec, layers), batchSize);
}

/** The spec with autoWired parameters written in (in_channels, in_features, num_features). */
export function wireSpec(spec: NetworkSpec): NetworkSpec {
  const { layers } = inferAll(spec);
  return { ...spec, layers: spec.layers.map((layer, i) => ({ ...layer, ...layers[i].wired }) as Layer) };
}
