// Parameter and FLOP counts per layer, per sample, forward pass only.
// FLOPs: Conv2d, ConvTranspose2d and Linear count 2 per multiply-add (bias adds not counted);
// pooling counts one per window element read; activations, Dropout and BatchNorm2d count one op per
// output value (two for BatchNorm2d: scale and shift); reshapes are free.
import type { Wired } from './shape-context';
import type { Layer, Shape } from './spec';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Trainable parameters, as PyTorch's sum(p.numel() for p in model.parameters()) counts them. */
export function countParams(layer: Layer, wired: Wired): number {
  switch (layer.kind) {
    case 'Conv2d':
    case 'ConvTranspose2d': {
      const cin = wired.in_channels ?? layer.in_channels;
      return cin * layer.out_channels * layer.kernel_size ** 2 + (layer.bias ? layer.out_channels : 0);
    }
    case 'Linear':
      return (
        (wired.in_features ?? layer.in_features) * layer.out_features + (layer.bias ? layer.out_features : 0)
      );
    case 'BatchNorm2d':
      return 2 * (wired.num_features ?? layer.num_features);
    default:
      return 0;
  }
}

/** Non-trainable state PyTorch keeps in buffers: BatchNorm2d's running mean and variance. */
export function countBuffers(layer: Layer, wired: Wired): number {
  return layer.kind === 'BatchNorm2d' ? 2 * (wired.num_features ?? layer.num_features) : 0;
}

export function countFlops(layer: Layer, input: Shape | null, output: Shape | null, wired: Wired): number {
  if (!input || !output) return 0;
  switch (layer.kind) {
    case 'Conv2d':
      return 2 * (wired.in_channels ?? layer.in_channels) * layer.kernel_size ** 2 * size(output);
    case 'ConvTranspose2d':
      // Every input value is scattered through a k×k window to each output channel.
      return 2 * size(input) * layer.out_channels * layer.kernel_size ** 2;
    case 'Linear':
      return 2 * (wired.in_features ?? layer.in_features) * layer.out_features;
    case 'MaxPool2d':
    case 'AvgPool2d':
      return layer.kernel_size ** 2 * size(output);
    case 'BatchNorm2d':
      return 2 * size(output);
    case 'ReLU':
    case 'LeakyReLU':
    case 'Sigmoid':
    case 'Tanh':
    case 'Dropout':
      return size(output);
    case 'Flatten':
    case 'Unflatten':
      return 0;
  }
}
