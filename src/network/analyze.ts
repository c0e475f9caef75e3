// Validation and shape inference over a whole spec: one pass from the input to the last layer.
import { countBuffers, countFlops, countParams } from './counts';
import { inferLayer } from './flat-shapes';
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
import { checkParams } from './param-checks';
import type { Wired } from './shape-context';
import type { Layer, LayerKind, NetworkSpec, Shape } from './spec';
import { inputShapeOf } from './spec';
import { checkInput, checkLayerCount, checkOutput } from './task-checks';

export interface LayerInfo {
  index: number;
  id: string;
  kind: LayerKind;
  /** Per-sample shapes; null once inference has stopped at an earlier error. */
  inputShape: Shape | null;
  outputShape: Shape | null;
  /** Trainable parameters (PyTorch's count). */
  params: number;
  /** Forward FLOPs per sample (2 per multiply-add; see counts.ts). */
  flops: number;
  /** Parameters taken from the previous layer because autoWire is on. */
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

function inferAll(spec: NetworkSpec): { network: SpecIssue[]; layers: (LayerInfo & { buffers: number })[] } {
  const inputIssues = checkInput(spec);
  const network = [...inputIssues, ...checkLayerCount(spec)];
  let shape: Shape | null = inputIssues.length > 0 ? null : inputShapeOf(spec);
  let lastFlatten: { index: number; shape: Shape } | null = null;
  const layers = spec.layers.map((layer: Layer, index) => {
    const input = shape;
    const paramIssues = checkParams(layer, index);
    let output: Shape | null = null;
    let wired: Wired = {};
    let issues = paramIssues;
    if (!hasError(paramIssues) && input) {
      const step = inferLayer({ spec, index, input, lastFlatten }, layer);
      ({ output, wired } = step);
      issues = [...paramIssues, ...step.issues];
      if (layer.kind === 'Flatten' && input.length === 3) lastFlatten = { index, shape: input };
    }
    shape = output;
    const valid = !hasError(paramIssues);
    return {
      index,
      id: layer.id,
      kind: layer.kind,
      inputShape: input,
      outputShape: output,
      params: valid ? countParams(layer, wired) : 0,
      flops: valid ? countFlops(layer, input, output, wired) : 0,
      buffers: valid ? countBuffers(layer, wired) : 0,
      wired,
      issues,
    };
  });
  return { network, layers };
}

function sized(spec: NetworkSpec, layers: readonly (LayerInfo & { buffers: number })[]): SizedLayer[] {
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
    const issue = l.kind === 'BatchNorm2d' ? checkBatchStatistics(spec.layers[l.index], l, batchSize) : null;
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

/** BatchNorm2d in training needs two values per channel (PyTorch refuses one): batch × H × W ≥ 2. */
function checkBatchStatistics(layer: Layer, info: LayerInfo, batchSize: number): SpecIssue | null {
  const shape = info.inputShape;
  if (!shape || shape.length !== 3 || batchSize * shape[1] * shape[2] > 1) return null;
  const message = `${layerName(info.index, layer)}: with a batch of 1 and a 1×1 input each channel has a single value, which cannot be normalised while training: use a batch size of at least 2, or move BatchNorm2d before the image shrinks to 1×1`;
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
