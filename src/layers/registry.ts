// Every layer kind the playground knows, in palette order. Adding a kind is adding its folder and one
// line here (docs/ADDING-A-LAYER.md); nothing outside src/layers/ names a kind to decide what it means.
import { avgPool2d, type AvgPool2dLayer } from './avg-pool2d/definition';
import { adaptiveAvgPool2d, type AdaptiveAvgPool2dLayer } from './adaptive-avg-pool2d/definition';
import { add, type AddLayer } from './add/definition';
import { concat, type ConcatLayer } from './concat/definition';
import { elu, type ELULayer } from './elu/definition';
import { gelu, type GELULayer } from './gelu/definition';
import { groupNorm, type GroupNormLayer } from './group-norm/definition';
import { silu, type SiLULayer } from './silu/definition';
import { softmax, type SoftmaxLayer } from './softmax/definition';
import { upsample, type UpsampleLayer } from './upsample/definition';
import { batchNorm2d, type BatchNorm2dLayer } from './batch-norm2d/definition';
import { conv2d, type Conv2dLayer } from './conv2d/definition';
import { convTranspose2d, type ConvTranspose2dLayer } from './conv-transpose2d/definition';
import type { LayerData, LayerDefinition, LayerGroupId } from './core/types';
import { dropout, type DropoutLayer } from './dropout/definition';
import { reparameterize, type ReparameterizeLayer } from './reparameterize/definition';
import { flatten, type FlattenLayer } from './flatten/definition';
import { leakyRelu, type LeakyReLULayer } from './leaky-relu/definition';
import { linear, type LinearLayer } from './linear/definition';
import { maxPool2d, type MaxPool2dLayer } from './max-pool2d/definition';
import { relu, type ReLULayer } from './relu/definition';
import { sigmoid, type SigmoidLayer } from './sigmoid/definition';
import { tanh, type TanhLayer } from './tanh/definition';
import { unflatten, type UnflattenLayer } from './unflatten/definition';

export type Layer =
  | Conv2dLayer
  | ConvTranspose2dLayer
  | MaxPool2dLayer
  | AvgPool2dLayer
  | LinearLayer
  | FlattenLayer
  | UnflattenLayer
  | ReLULayer
  | LeakyReLULayer
  | SigmoidLayer
  | TanhLayer
  | BatchNorm2dLayer
  | DropoutLayer
  | ReparameterizeLayer
  | AddLayer
  | ConcatLayer
  | UpsampleLayer
  | AdaptiveAvgPool2dLayer
  | GELULayer
  | SiLULayer
  | ELULayer
  | SoftmaxLayer
  | GroupNormLayer;

export type LayerKind = Layer['kind'];

/** The layer type for one kind, e.g. LayerOf<'Conv2d'> = Conv2dLayer. */
export type LayerOf<K extends LayerKind> = Extract<Layer, { kind: K }>;

// Each definition is checked against its own layer type where it is written; here they are one list.
const DEFINITIONS = [
  conv2d,
  convTranspose2d,
  maxPool2d,
  avgPool2d,
  adaptiveAvgPool2d,
  upsample,
  linear,
  flatten,
  unflatten,
  relu,
  leakyRelu,
  sigmoid,
  tanh,
  gelu,
  silu,
  elu,
  softmax,
  batchNorm2d,
  groupNorm,
  dropout,
  reparameterize,
  add,
  concat,
] as unknown as readonly LayerDefinition[];

export const LAYER_KINDS: readonly LayerKind[] = DEFINITIONS.map((d) => d.kind as LayerKind);

const BY_KIND = new Map(DEFINITIONS.map((d) => [d.kind, d]));

export function isLayerKind(kind: unknown): kind is LayerKind {
  return typeof kind === 'string' && BY_KIND.has(kind);
}

/** The definition of a kind; throws for a kind the playground does not know. */
export function definitionOf(kind: string): LayerDefinition {
  const definition = BY_KIND.get(kind);
  if (!definition) throw new Error(`unknown layer kind ${JSON.stringify(kind.slice(0, 40))}`);
  return definition;
}

/** Parameter names in PyTorch's signature order (without kind, id and inputs). */
export function paramNames(kind: string): string[] {
  return Object.keys(definitionOf(kind).params);
}

/** A layer of this kind with PyTorch's defaults and small, sensible sizes for the required ones. */
export function defaultLayer<K extends LayerKind>(kind: K, id: string): LayerOf<K> {
  const layer: LayerData = { kind, id };
  for (const [name, spec] of Object.entries(definitionOf(kind).params))
    layer[name] = structuredClone(spec.default);
  return layer as unknown as LayerOf<K>;
}

/** A layer as plain data, for generic code that reads parameters by name. */
export const asData = (layer: Layer): LayerData => layer as unknown as LayerData;

export interface LayerGroup {
  id: LayerGroupId;
  label: string;
  kinds: { kind: LayerKind; description: string }[];
}

const GROUP_LABELS: Record<LayerGroupId, string> = {
  convolution: 'Convolution',
  pooling: 'Pooling',
  dense: 'Dense',
  activation: 'Activation',
  normalisation: 'Normalisation & regularisation',
  merge: 'Merge (skip connections)',
  reshape: 'Reshape',
};

/** The palette: groups in a fixed order, each with its kinds in registry order (empty groups left out). */
export const LAYER_GROUPS: readonly LayerGroup[] = (Object.keys(GROUP_LABELS) as LayerGroupId[])
  .map((id) => ({
    id,
    label: GROUP_LABELS[id],
    kinds: DEFINITIONS.filter((d) => d.group === id).map((d) => ({
      kind: d.kind as LayerKind,
      description: d.description,
    })),
  }))
  .filter((g) => g.kinds.length > 0);
