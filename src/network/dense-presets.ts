// Ready-made designs for the dense tasks: a U-Net and a small fully convolutional network for
// segmentation, and a CenterNet-style detector. Every layer is size-agnostic (convolutions, pooling by 2,
// transposed convolutions by 2), so each preset also runs on other scene sides divisible by 8.
import { DEFAULT_BACKGROUND_WEIGHT, DEFAULT_HYPER, type Hyperparams } from './hyper';
import { DEFAULT_SCENE, DEFAULT_SCENE_SIDE, SEGMENTATION_CLASSES, DETECTION_CHANNELS } from './dense';
import type { Layer, NetworkSpec, Task } from './spec';
import { l } from './preset-layers';

/** Conv2d (3×3, padding 1) → BatchNorm2d → ReLU, ids `<id>`, `<id>_bn`, `<id>_relu`. */
function block(id: string, from: number, to: number, inputs?: string[]): Layer[] {
  const conv = l('Conv2d', id, { in_channels: from, out_channels: to, kernel_size: 3, padding: 1 });
  return [
    inputs ? { ...conv, inputs } : conv,
    l('BatchNorm2d', `${id}_bn`, { num_features: to }),
    l('ReLU', `${id}_relu`),
  ];
}

const pool = (id: string) => l('MaxPool2d', id, { kernel_size: 2, stride: 2 });
const up = (id: string, from: number, to: number) =>
  l('ConvTranspose2d', id, { in_channels: from, out_channels: to, kernel_size: 2, stride: 2 });
const cat = (id: string, a: string, b: string): Layer => ({ ...l('Concat', id), inputs: [a, b] });

export function denseSpec(name: string, task: Task, layers: Layer[]): NetworkSpec {
  return {
    version: 2,
    name,
    input: { dataset: 'mnist', shape: [1, DEFAULT_SCENE_SIDE, DEFAULT_SCENE_SIDE] },
    task,
    scene: { ...DEFAULT_SCENE },
    autoWire: true,
    layers,
  };
}

/** The encoder the U-Net and the detector share: 8 → 16 → 32 channels, down to 1/8 of the side. */
const encoder = (): Layer[] => [
  ...block('enc1', 1, 8),
  pool('pool1'),
  ...block('enc2', 8, 16),
  pool('pool2'),
  ...block('enc3', 16, 32),
  ...block('enc4', 32, 32),
  pool('pool3'),
  ...block('mid', 32, 32),
];

export const unet = denseSpec('U-Net', 'segmentation', [
  ...encoder(),
  up('up3', 32, 32),
  cat('cat3', 'up3', 'enc4_relu'),
  ...block('dec3', 64, 32),
  up('up2', 32, 16),
  cat('cat2', 'up2', 'enc2_relu'),
  ...block('dec2', 32, 16),
  up('up1', 16, 8),
  cat('cat1', 'up1', 'enc1_relu'),
  l('Conv2d', 'head', { in_channels: 16, out_channels: SEGMENTATION_CLASSES, kernel_size: 1 }),
]);

export const fcn = denseSpec('Small FCN', 'segmentation', [
  ...block('conv1', 1, 16),
  pool('pool1'),
  ...block('conv2', 16, 32),
  pool('pool2'),
  ...block('conv3', 32, 32),
  l('Conv2d', 'score', { in_channels: 32, out_channels: SEGMENTATION_CLASSES, kernel_size: 1 }),
  l('Upsample', 'upsample', { scale_factor: 4, mode: 'bilinear' }),
]);

export const centernet = denseSpec('CenterNet detector', 'detection', [
  ...encoder(),
  up('up3', 32, 32),
  cat('cat3', 'up3', 'enc4_relu'),
  ...block('dec3', 64, 32),
  l('Conv2d', 'head', { in_channels: 32, out_channels: DETECTION_CHANNELS, kernel_size: 1 }),
]);

/** Adam at 3e-3, batch 16: the presets learn within a few hundred steps; segmentation weighs background 0.1. */
export const DENSE_HYPER: Hyperparams = { ...DEFAULT_HYPER, lr: 3e-3, batchSize: 16, epochs: 1 };
export const SEGMENTATION_HYPER: Hyperparams = {
  ...DENSE_HYPER,
  loss: 'cross_entropy',
  backgroundWeight: DEFAULT_BACKGROUND_WEIGHT,
};
export const DETECTION_HYPER: Hyperparams = { ...DENSE_HYPER, loss: 'centernet' };
