// The network spec: plain data, the single source of truth for a design. A design is a graph of layers
// whose parameter names and defaults are PyTorch's, so a spec reads like (and exports to) torch.nn code.
// Each layer reads the previous one unless its `inputs` name others (residual Add, Concat, skips); the
// last layer is the output. What each kind means lives in its definition (src/layers/).
// Shapes are per sample, without the batch dimension: [C, H, W] for images, [N] for flat vectors.
import { defaultLayer as registryDefault, type LayerKind, type LayerOf, type Shape } from '../layers';
import { DEFAULT_SCENE, DEFAULT_SCENE_SIDE, isDenseTask } from './dense-scene';
import { SPEC_VERSION, type DatasetId, type NetworkInput, type NetworkSpec, type Task } from './spec-schema';

export { LAYER_KINDS, isLayerKind, paramNames, type Layer, type LayerKind, type LayerOf } from '../layers';
export type { Shape } from '../layers';
// The format and its types: spec-schema.ts.
export {
  DATASET_IDS,
  SPEC_VERSION,
  TASKS,
  type DatasetId,
  type DatasetRef,
  type ImageShape,
  type NetworkInput,
  type NetworkSpec,
  type NodePosition,
  type Task,
  type UserDatasetId,
} from './spec-schema';
export { formatShape } from '../layers';
export type { Conv2dLayer } from '../layers/conv2d/definition';
export type { ConvTranspose2dLayer } from '../layers/conv-transpose2d/definition';
export type { LinearLayer } from '../layers/linear/definition';
export type { UnflattenLayer } from '../layers/unflatten/definition';

/** The id `inputs` use for the network's own input. */
export const INPUT_ID = 'input';

export const IMAGE_SHAPE: [1, 28, 28] = [1, 28, 28];
export const NUM_CLASSES = 10;
export const DATASET_NAMES: Record<DatasetId, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

export const DEFAULT_LATENT_DIM = 32;

/** The per-sample shape the first layer receives. */
export function inputShapeOf(spec: NetworkSpec): Shape {
  return [...spec.input.shape];
}

/** The input for a task: an image, a scene (dense tasks), or for a generator a noise vector of latentDim values. */
export function inputFor(task: Task, dataset: DatasetId, latentDim = DEFAULT_LATENT_DIM): NetworkInput {
  if (task === 'generator') return { dataset, shape: [latentDim] };
  if (isDenseTask(task)) return { dataset, shape: [1, DEFAULT_SCENE_SIDE, DEFAULT_SCENE_SIDE] };
  return { dataset, shape: [...IMAGE_SHAPE] };
}

/** An empty spec for a task (latentDim only for generators). */
export function emptySpec(task: Task = 'classification', dataset: DatasetId = 'mnist'): NetworkSpec {
  const spec: NetworkSpec = {
    version: SPEC_VERSION,
    name: 'Untitled',
    input: inputFor(task, dataset),
    task,
    autoWire: true,
    layers: [],
  };
  if (task === 'generator') spec.latentDim = DEFAULT_LATENT_DIM;
  if (isDenseTask(task)) spec.scene = { ...DEFAULT_SCENE };
  return spec;
}

export type LayerIdSource = () => string;

// Ids only need to be unique within a spec; random suffixes avoid clashing with ids from loaded files.
const randomIdSource: LayerIdSource = () => {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return 'l' + Array.from(bytes, (b) => (b % 36).toString(36)).join('');
};

let idSource: LayerIdSource = randomIdSource;

/** Replace the id source (tests inject a counter); null restores the random default. */
export function setLayerIdSource(source: LayerIdSource | null): void {
  idSource = source ?? randomIdSource;
}

/** A counter-based id source: 'prefix1', 'prefix2', ... */
export function counterIdSource(prefix = 'layer'): LayerIdSource {
  let n = 0;
  return () => `${prefix}${++n}`;
}

export function newLayerId(): string {
  return idSource();
}

/** A layer of this kind with PyTorch's defaults and small, sensible sizes for the required ones. */
export function defaultLayer<K extends LayerKind>(kind: K, id: string = newLayerId()): LayerOf<K> {
  return registryDefault(kind, id);
}
