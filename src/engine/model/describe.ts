// A model's description, shared by the GPU and CPU backends: per-layer shapes, and where every parameter
// and buffer lives in the flat arrays. Parameters are one flat float array (gradients and optimizer state
// mirror it), each tensor starting on a 256-byte boundary so it can be bound as its own storage view.
import { convOutSize, convTransposeOutSize } from '../ops/conv-geometry';
import { OFFSET_ALIGNMENT, sizeOf } from '../tensor';
import type { LayerDesc } from './layers';

/** One named tensor of a layer inside a flat array. */
export interface FlatTensor {
  /** PyTorch name within the layer: weight, bias, running_mean, running_var. */
  name: string;
  shape: number[];
  /** Offset in floats (a multiple of 64, i.e. 256 bytes). */
  offset: number;
  size: number;
  /** fan_in used by PyTorch's default initialisation (0 for BatchNorm tensors). */
  fanIn: number;
}

export interface LayerPlan {
  layer: LayerDesc;
  /** Per-sample input and output shapes ([C, H, W] or [N]). */
  inShape: number[];
  outShape: number[];
  /** Trainable tensors, in the flat parameter array. */
  params: FlatTensor[];
  /** Non-trainable state (BatchNorm running statistics), in the flat buffer array. */
  buffers: FlatTensor[];
}

export interface ModelDescription {
  inputShape: number[];
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
  return plan.layer.kind === 'Flatten' || plan.layer.kind === 'Unflatten';
}

const ALIGN_FLOATS = OFFSET_ALIGNMENT / 4;
const align = (n: number) => Math.ceil(n / ALIGN_FLOATS) * ALIGN_FLOATS;

/** PyTorch pooling output length, including ceil_mode's rule that the last window starts inside the input. */
export function poolOutSize(size: number, k: number, s: number, p: number, d: number, ceil: boolean) {
  const span = size + 2 * p - d * (k - 1) - 1;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= size + p) out -= 1;
  return out;
}

function expectChannels(index: number, kind: string, shape: number[], channels: number): number[] {
  if (shape.length !== 3)
    throw new Error(`layer ${index + 1} (${kind}) needs a [C, H, W] input, got [${shape}]`);
  if (shape[0] !== channels) {
    throw new Error(`layer ${index + 1} (${kind}) expects ${channels} channels, its input has ${shape[0]}`);
  }
  return shape;
}

/** Shapes and flat layout of a layer stack on a per-sample input shape; throws a specific Error if they do not fit. */
export function describeModel(inputShape: readonly number[], layers: readonly LayerDesc[]): ModelDescription {
  let paramFloats = 0;
  let bufferFloats = 0;
  let parameterCount = 0;
  const tensorAt = (kind: 'param' | 'buffer', name: string, shape: number[], fanIn: number): FlatTensor => {
    const size = sizeOf(shape);
    const offset = kind === 'param' ? paramFloats : bufferFloats;
    if (kind === 'param') {
      paramFloats = align(paramFloats + size);
      parameterCount += size;
    } else bufferFloats = align(bufferFloats + size);
    return { name, shape, offset, size, fanIn };
  };

  let shape = [...inputShape];
  const plans = layers.map((layer, i): LayerPlan => {
    const inShape = shape;
    const params: FlatTensor[] = [];
    const buffers: FlatTensor[] = [];
    switch (layer.kind) {
      case 'Conv2d': {
        const [, h, w] = expectChannels(i, layer.kind, inShape, layer.in_channels);
        const k = layer.kernel_size;
        const fanIn = layer.in_channels * k * k;
        params.push(tensorAt('param', 'weight', [layer.out_channels, layer.in_channels, k, k], fanIn));
        if (layer.bias) params.push(tensorAt('param', 'bias', [layer.out_channels], fanIn));
        const size = (n: number) => convOutSize(n, k, layer.stride, layer.padding, layer.dilation);
        shape = [layer.out_channels, size(h), size(w)];
        break;
      }
      case 'ConvTranspose2d': {
        const [, h, w] = expectChannels(i, layer.kind, inShape, layer.in_channels);
        const k = layer.kernel_size;
        // PyTorch computes fan_in from weight.size(1), which for a transposed conv is out_channels.
        const fanIn = layer.out_channels * k * k;
        params.push(tensorAt('param', 'weight', [layer.in_channels, layer.out_channels, k, k], fanIn));
        if (layer.bias) params.push(tensorAt('param', 'bias', [layer.out_channels], fanIn));
        const size = (n: number) =>
          convTransposeOutSize(n, k, layer.stride, layer.padding, layer.dilation, layer.output_padding);
        shape = [layer.out_channels, size(h), size(w)];
        break;
      }
      case 'MaxPool2d':
      case 'AvgPool2d': {
        if (inShape.length !== 3) throw new Error(`layer ${i + 1} (${layer.kind}) needs a [C, H, W] input`);
        const d = layer.kind === 'MaxPool2d' ? layer.dilation : 1;
        const size = (n: number) =>
          poolOutSize(n, layer.kernel_size, layer.stride, layer.padding, d, layer.ceil_mode);
        shape = [inShape[0], size(inShape[1]), size(inShape[2])];
        break;
      }
      case 'Linear': {
        if (inShape.length !== 1 || inShape[0] !== layer.in_features) {
          throw new Error(`layer ${i + 1} (Linear) expects ${layer.in_features} features, got [${inShape}]`);
        }
        params.push(tensorAt('param', 'weight', [layer.out_features, layer.in_features], layer.in_features));
        if (layer.bias) params.push(tensorAt('param', 'bias', [layer.out_features], layer.in_features));
        shape = [layer.out_features];
        break;
      }
      case 'Flatten':
        shape = [sizeOf(inShape)];
        break;
      case 'Unflatten':
        if (sizeOf(layer.unflattened_size) !== sizeOf(inShape)) {
          throw new Error(
            `layer ${i + 1} (Unflatten) cannot make [${layer.unflattened_size}] from [${inShape}]`,
          );
        }
        shape = [...layer.unflattened_size];
        break;
      case 'BatchNorm2d':
        expectChannels(i, layer.kind, inShape, layer.num_features);
        params.push(tensorAt('param', 'weight', [layer.num_features], 0));
        params.push(tensorAt('param', 'bias', [layer.num_features], 0));
        buffers.push(tensorAt('buffer', 'running_mean', [layer.num_features], 0));
        buffers.push(tensorAt('buffer', 'running_var', [layer.num_features], 0));
        break;
      case 'ReLU':
      case 'LeakyReLU':
      case 'Sigmoid':
      case 'Tanh':
      case 'Dropout':
        break;
    }
    if (shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new Error(`layer ${i + 1} (${layer.kind}) would output [${shape}] from [${inShape}]`);
    }
    return { layer, inShape, outShape: shape, params, buffers };
  });
  return {
    inputShape: [...inputShape],
    layers: plans,
    outputShape: shape,
    paramFloats: Math.max(paramFloats, ALIGN_FLOATS),
    parameterCount,
    bufferFloats: Math.max(bufferFloats, ALIGN_FLOATS),
  };
}

/** A distinct u32 dropout seed per layer, from the run's seed (the same on both backends). */
export function layerSeed(seed: number, layer: number): number {
  return (seed + Math.imul(layer + 1, 0x9e3779b1)) >>> 0;
}
