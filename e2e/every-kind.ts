// A classifier that holds every layer kind the playground knows (e2e: the explanation animates each one).
// 28×28 → conv, norms, activations, a residual Add, a Concat, pooling, a transposed conv and upsampling
// back up, adaptive pooling, a reshape round trip, dense layers, a VAE's sampling step and a final Softmax.
import { DEFAULT_HYPER } from '../src/network/hyper';
import { defaultLayer, IMAGE_SHAPE, type Layer, type NetworkSpec } from '../src/network/spec';

const layers: Layer[] = [
  { ...defaultLayer('Conv2d', 'conv'), in_channels: 1, out_channels: 4, kernel_size: 3, padding: 1 },
  { ...defaultLayer('BatchNorm2d', 'bn'), num_features: 4 },
  { ...defaultLayer('ReLU', 'relu') },
  { ...defaultLayer('MaxPool2d', 'max'), kernel_size: 2, stride: 2 },
  {
    ...defaultLayer('Conv2d', 'grouped'),
    in_channels: 4,
    out_channels: 4,
    kernel_size: 3,
    padding: 1,
    groups: 2,
  },
  { ...defaultLayer('GroupNorm', 'gn'), num_groups: 2, num_channels: 4 },
  { ...defaultLayer('LeakyReLU', 'leaky'), negative_slope: 0.1 },
  { ...defaultLayer('Add', 'add'), inputs: ['max', 'leaky'] },
  { ...defaultLayer('Concat', 'cat'), inputs: ['add', 'max'] },
  { ...defaultLayer('AvgPool2d', 'avg'), kernel_size: 2, stride: 2 },
  {
    ...defaultLayer('ConvTranspose2d', 'deconv'),
    in_channels: 8,
    out_channels: 4,
    kernel_size: 3,
    stride: 2,
    padding: 1,
    output_padding: 1,
  },
  { ...defaultLayer('Upsample', 'up'), scale_factor: 2, mode: 'bilinear', align_corners: false },
  { ...defaultLayer('AdaptiveAvgPool2d', 'adaptive'), output_size: [6, 6] },
  { ...defaultLayer('ELU', 'elu') },
  { ...defaultLayer('Dropout', 'drop'), p: 0.5 },
  { ...defaultLayer('Flatten', 'flat') },
  { ...defaultLayer('Unflatten', 'unflat'), unflattened_size: [4, 6, 6] },
  { ...defaultLayer('Flatten', 'flat2') },
  { ...defaultLayer('Linear', 'fc1'), in_features: 144, out_features: 32 },
  { ...defaultLayer('GELU', 'gelu') },
  { ...defaultLayer('SiLU', 'silu') },
  { ...defaultLayer('Tanh', 'tanh') },
  { ...defaultLayer('Sigmoid', 'sigmoid') },
  { ...defaultLayer('Linear', 'fc2'), in_features: 32, out_features: 20 },
  { ...defaultLayer('Reparameterize', 'sample'), kl_weight: 0.01 },
  { ...defaultLayer('Softmax', 'softmax') },
];

export const EVERY_KIND: NetworkSpec = {
  version: 2,
  name: 'Every kind',
  input: { dataset: 'mnist', shape: IMAGE_SHAPE },
  task: 'classification',
  autoWire: true,
  layers,
};

export const EVERY_KIND_HYPER = { ...DEFAULT_HYPER, batchSize: 16 };
