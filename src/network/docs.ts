// Words for the builder: a one-line explanation of every PyTorch parameter (the inspector) and the
// palette's groups with a one-line description of each kind.
import type { LayerKind, LayerOf } from './spec';

type ParamDocs = { [K in LayerKind]: Record<Exclude<keyof LayerOf<K>, 'kind' | 'id'>, string> };

const conv = {
  in_channels: 'How many channels (feature maps) come in; 1 for a greyscale image.',
  out_channels: 'How many filters to learn; each gives one output channel.',
  kernel_size: 'Width and height of each filter, in pixels.',
  stride: 'How far the filter moves between positions; 2 halves the image size.',
  padding: 'Zeros added around the border, so the filter can also centre on edge pixels.',
  dilation: 'Spacing between the filter taps; above 1 the filter sees a wider area with the same weights.',
  bias: 'Whether each output channel adds a learned constant.',
};

export const PARAM_DOCS: ParamDocs = {
  Conv2d: conv,
  ConvTranspose2d: {
    ...conv,
    stride: 'How far apart input pixels are spread in the output; 2 doubles the image size.',
    padding: 'Trims this many pixels from each border of the output (the inverse of Conv2d padding).',
    output_padding:
      'Extra pixels added on one side of the output, to reach an exact size; must be below stride.',
  },
  MaxPool2d: {
    kernel_size: 'Size of the window whose largest value is kept.',
    stride: 'How far the window moves; by default equal to kernel_size, so windows do not overlap.',
    padding: 'Border added before pooling (at most half of kernel_size); padded cells never win.',
    dilation: 'Spacing between the window cells.',
    ceil_mode: 'Round the output size up instead of down, so a partial window at the edge counts.',
  },
  AvgPool2d: {
    kernel_size: 'Size of the window whose values are averaged.',
    stride: 'How far the window moves; by default equal to kernel_size, so windows do not overlap.',
    padding: 'Zeros added around the border (at most half of kernel_size).',
    ceil_mode: 'Round the output size up instead of down, so a partial window at the edge counts.',
    count_include_pad: 'Whether padded zeros count in the average (the divisor).',
  },
  Linear: {
    in_features: 'How many numbers come in; the input must be flat.',
    out_features: 'How many numbers go out; each is a weighted sum of all the inputs.',
    bias: 'Whether each output adds a learned constant.',
  },
  Flatten: {},
  Unflatten: {
    unflattened_size:
      'The channels × height × width to arrange the flat input into; their product must equal its length.',
  },
  ReLU: {},
  LeakyReLU: {
    negative_slope:
      'How much of a negative input gets through (0.01 keeps 1%), so units never go fully silent.',
  },
  Sigmoid: {},
  Tanh: {},
  BatchNorm2d: {
    num_features: 'How many channels to normalise; equals the channels of the input.',
    eps: 'A tiny number added to the variance so the division never divides by zero.',
    momentum: 'How fast the running mean and variance (used at test time) follow each batch.',
  },
  Dropout: {
    p: 'The chance that each value is zeroed while training (the rest are scaled up); off at test time.',
  },
};

export type LayerGroupId = 'convolution' | 'pooling' | 'dense' | 'activation' | 'normalisation' | 'reshape';

export interface LayerGroup {
  id: LayerGroupId;
  label: string;
  kinds: { kind: LayerKind; description: string }[];
}

export const LAYER_GROUPS: readonly LayerGroup[] = [
  {
    id: 'convolution',
    label: 'Convolution',
    kinds: [
      { kind: 'Conv2d', description: 'Slides learned filters over the image to detect local patterns.' },
      {
        kind: 'ConvTranspose2d',
        description: 'Upsamples: spreads each pixel through a learned filter to grow the image.',
      },
    ],
  },
  {
    id: 'pooling',
    label: 'Pooling',
    kinds: [
      { kind: 'MaxPool2d', description: 'Shrinks the image by keeping the largest value in each window.' },
      { kind: 'AvgPool2d', description: 'Shrinks the image by averaging each window.' },
    ],
  },
  {
    id: 'dense',
    label: 'Dense',
    kinds: [{ kind: 'Linear', description: 'Connects every input number to every output number.' }],
  },
  {
    id: 'activation',
    label: 'Activation',
    kinds: [
      { kind: 'ReLU', description: 'Keeps positive values and zeroes negative ones.' },
      { kind: 'LeakyReLU', description: 'Like ReLU, but lets a small fraction of negative values through.' },
      { kind: 'Sigmoid', description: 'Squashes each value into 0 to 1.' },
      { kind: 'Tanh', description: 'Squashes each value into -1 to 1.' },
    ],
  },
  {
    id: 'normalisation',
    label: 'Normalisation & regularisation',
    kinds: [
      {
        kind: 'BatchNorm2d',
        description: 'Rescales each channel to zero mean and unit variance over the batch.',
      },
      {
        kind: 'Dropout',
        description: 'Randomly zeroes values while training, so the network cannot rely on any one.',
      },
    ],
  },
  {
    id: 'reshape',
    label: 'Reshape',
    kinds: [
      {
        kind: 'Flatten',
        description: 'Turns an image (channels × height × width) into one flat list of numbers.',
      },
      {
        kind: 'Unflatten',
        description: 'Arranges a flat list of numbers back into channels × height × width.',
      },
    ],
  },
];

/** The palette description of one kind. */
export function describeKind(kind: LayerKind): string {
  for (const group of LAYER_GROUPS) {
    const entry = group.kinds.find((k) => k.kind === kind);
    if (entry) return entry.description;
  }
  return kind;
}
