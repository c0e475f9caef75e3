// The network spec: plain data, the single source of truth for a design. Layers are a closed union
// whose parameter names and defaults are PyTorch's, so a spec reads like (and exports to) torch.nn code.
// Shapes are per sample, without the batch dimension: [C, H, W] for images, [N] for flat vectors.

export type LayerKind =
  | 'Conv2d'
  | 'ConvTranspose2d'
  | 'MaxPool2d'
  | 'AvgPool2d'
  | 'Linear'
  | 'Flatten'
  | 'Unflatten'
  | 'ReLU'
  | 'LeakyReLU'
  | 'Sigmoid'
  | 'Tanh'
  | 'BatchNorm2d'
  | 'Dropout';

export const LAYER_KINDS: readonly LayerKind[] = [
  'Conv2d',
  'ConvTranspose2d',
  'MaxPool2d',
  'AvgPool2d',
  'Linear',
  'Flatten',
  'Unflatten',
  'ReLU',
  'LeakyReLU',
  'Sigmoid',
  'Tanh',
  'BatchNorm2d',
  'Dropout',
];

export interface Conv2dLayer {
  kind: 'Conv2d';
  id: string;
  in_channels: number;
  out_channels: number;
  kernel_size: number;
  stride: number;
  padding: number;
  dilation: number;
  bias: boolean;
}

export interface ConvTranspose2dLayer {
  kind: 'ConvTranspose2d';
  id: string;
  in_channels: number;
  out_channels: number;
  kernel_size: number;
  stride: number;
  padding: number;
  output_padding: number;
  dilation: number;
  bias: boolean;
}

export interface MaxPool2dLayer {
  kind: 'MaxPool2d';
  id: string;
  kernel_size: number;
  /** PyTorch's default (stride=None) means stride = kernel_size; the spec stores the number. */
  stride: number;
  padding: number;
  dilation: number;
  ceil_mode: boolean;
}

export interface AvgPool2dLayer {
  kind: 'AvgPool2d';
  id: string;
  kernel_size: number;
  stride: number;
  padding: number;
  ceil_mode: boolean;
  count_include_pad: boolean;
}

export interface LinearLayer {
  kind: 'Linear';
  id: string;
  in_features: number;
  out_features: number;
  bias: boolean;
}

/** nn.Flatten() with start_dim=1: [C, H, W] -> [C·H·W]. */
export interface FlattenLayer {
  kind: 'Flatten';
  id: string;
}

/** nn.Unflatten(1, unflattened_size): [C·H·W] -> [C, H, W]. */
export interface UnflattenLayer {
  kind: 'Unflatten';
  id: string;
  unflattened_size: [number, number, number];
}

export interface ReLULayer {
  kind: 'ReLU';
  id: string;
}

export interface LeakyReLULayer {
  kind: 'LeakyReLU';
  id: string;
  negative_slope: number;
}

export interface SigmoidLayer {
  kind: 'Sigmoid';
  id: string;
}

export interface TanhLayer {
  kind: 'Tanh';
  id: string;
}

export interface BatchNorm2dLayer {
  kind: 'BatchNorm2d';
  id: string;
  num_features: number;
  eps: number;
  momentum: number;
}

export interface DropoutLayer {
  kind: 'Dropout';
  id: string;
  p: number;
}

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
  | DropoutLayer;

/** The layer type for one kind, e.g. LayerOf<'Conv2d'> = Conv2dLayer. */
export type LayerOf<K extends LayerKind> = Extract<Layer, { kind: K }>;

export type DatasetId = 'mnist' | 'fashion-mnist';
export type Task = 'classification' | 'reconstruction' | 'generator' | 'discriminator';

/** Per-sample shape without the batch dimension. */
export type Shape = number[];

export const IMAGE_SHAPE: [1, 28, 28] = [1, 28, 28];
export const NUM_CLASSES = 10;
export const DATASET_NAMES: Record<DatasetId, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/**
 * What the network reads. Image tasks read one 28×28 greyscale image: shape [1, 28, 28].
 * A generator reads a noise vector: shape [latentDim], and the spec's latentDim says so too
 * (the dataset then names the images it learns to imitate).
 */
export interface NetworkInput {
  dataset: DatasetId;
  shape: [1, 28, 28] | [number];
}

export interface NetworkSpec {
  version: 1;
  name: string;
  input: NetworkInput;
  task: Task;
  /** When on, in_channels / in_features / num_features follow from the previous layer. */
  autoWire: boolean;
  /** Length of the generator's noise vector; present exactly when task is 'generator'. */
  latentDim?: number;
  layers: Layer[];
}

export const SPEC_VERSION = 1;
export const DEFAULT_LATENT_DIM = 32;

/** The per-sample shape the first layer receives. */
export function inputShapeOf(spec: NetworkSpec): Shape {
  return [...spec.input.shape];
}

/** The input for a task: an image, or for a generator a noise vector of latentDim values. */
export function inputFor(task: Task, dataset: DatasetId, latentDim = DEFAULT_LATENT_DIM): NetworkInput {
  return task === 'generator' ? { dataset, shape: [latentDim] } : { dataset, shape: [...IMAGE_SHAPE] };
}

/** An empty spec for a task (latentDim only for generators). */
export function emptySpec(task: Task = 'classification', dataset: DatasetId = 'mnist'): NetworkSpec {
  const spec: NetworkSpec = {
    version: 1,
    name: 'Untitled',
    input: inputFor(task, dataset),
    task,
    autoWire: true,
    layers: [],
  };
  if (task === 'generator') spec.latentDim = DEFAULT_LATENT_DIM;
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
  return { ...structuredClone(LAYER_DEFAULTS[kind]), id } as unknown as LayerOf<K>;
}

type Defaults = { [K in LayerKind]: Omit<LayerOf<K>, 'id'> };

const LAYER_DEFAULTS: Defaults = {
  Conv2d: {
    kind: 'Conv2d',
    in_channels: 1,
    out_channels: 8,
    kernel_size: 3,
    stride: 1,
    padding: 0,
    dilation: 1,
    bias: true,
  },
  ConvTranspose2d: {
    kind: 'ConvTranspose2d',
    in_channels: 1,
    out_channels: 8,
    kernel_size: 3,
    stride: 1,
    padding: 0,
    output_padding: 0,
    dilation: 1,
    bias: true,
  },
  MaxPool2d: { kind: 'MaxPool2d', kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false },
  AvgPool2d: {
    kind: 'AvgPool2d',
    kernel_size: 2,
    stride: 2,
    padding: 0,
    ceil_mode: false,
    count_include_pad: true,
  },
  Linear: { kind: 'Linear', in_features: 784, out_features: 10, bias: true },
  Flatten: { kind: 'Flatten' },
  Unflatten: { kind: 'Unflatten', unflattened_size: [1, 28, 28] },
  ReLU: { kind: 'ReLU' },
  LeakyReLU: { kind: 'LeakyReLU', negative_slope: 0.01 },
  Sigmoid: { kind: 'Sigmoid' },
  Tanh: { kind: 'Tanh' },
  BatchNorm2d: { kind: 'BatchNorm2d', num_features: 8, eps: 1e-5, momentum: 0.1 },
  Dropout: { kind: 'Dropout', p: 0.5 },
};

/** Parameter names of each kind in their canonical (PyTorch signature) order, without kind and id. */
export const PARAM_ORDER: { [K in LayerKind]: readonly Exclude<keyof LayerOf<K>, 'kind' | 'id'>[] } = {
  Conv2d: ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'bias'],
  ConvTranspose2d: [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'padding',
    'output_padding',
    'dilation',
    'bias',
  ],
  MaxPool2d: ['kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode'],
  AvgPool2d: ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad'],
  Linear: ['in_features', 'out_features', 'bias'],
  Flatten: [],
  Unflatten: ['unflattened_size'],
  ReLU: [],
  LeakyReLU: ['negative_slope'],
  Sigmoid: [],
  Tanh: [],
  BatchNorm2d: ['num_features', 'eps', 'momentum'],
  Dropout: ['p'],
};

/** "6×14×14" */
export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}
