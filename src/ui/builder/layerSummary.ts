// The key parameters of a layer in a few characters, for its card: "1→6, 5×5, pad 2".
import type { Layer } from '../../network/spec';

/** Values filled in from the previous layer when the spec auto-wires (shown instead of the stored ones). */
export interface WiredValues {
  in_channels?: number;
  in_features?: number;
  num_features?: number;
}

/** Kernel, then stride and padding only where they differ from PyTorch's defaults. */
const geometry = (k: number, stride: number, padding: number, defaultStride: number) =>
  [`${k}×${k}`, stride !== defaultStride && `stride ${stride}`, padding > 0 && `pad ${padding}`]
    .filter(Boolean)
    .join(', ');

export function keyParams(layer: Layer, wired: WiredValues = {}): string {
  switch (layer.kind) {
    case 'Conv2d':
    case 'ConvTranspose2d':
      return `${wired.in_channels ?? layer.in_channels}→${layer.out_channels}, ${geometry(layer.kernel_size, layer.stride, layer.padding, 1)}`;
    case 'MaxPool2d':
    case 'AvgPool2d':
      return geometry(layer.kernel_size, layer.stride, layer.padding, layer.kernel_size);
    case 'Linear':
      return `${wired.in_features ?? layer.in_features}→${layer.out_features}`;
    case 'Unflatten':
      return `to ${layer.unflattened_size.join('×')}`;
    case 'LeakyReLU':
      return `slope ${layer.negative_slope}`;
    case 'BatchNorm2d':
      return `${wired.num_features ?? layer.num_features} channels`;
    case 'Dropout':
      return `p ${layer.p}`;
    case 'Flatten':
    case 'ReLU':
    case 'Sigmoid':
    case 'Tanh':
      return '';
  }
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** 1234567 -> "1.23 M" for FLOPs columns. */
export function formatFlops(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k`;
  return String(n);
}
