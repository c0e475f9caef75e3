// The layers an engine model is built from. Field names and meanings are PyTorch's (the same as the
// network spec's layers, which are structurally assignable to these), so no translation table exists.

export interface Conv2dDesc {
  kind: 'Conv2d';
  in_channels: number;
  out_channels: number;
  kernel_size: number;
  stride: number;
  padding: number;
  dilation: number;
  bias: boolean;
}

export interface ConvTranspose2dDesc {
  kind: 'ConvTranspose2d';
  in_channels: number;
  out_channels: number;
  kernel_size: number;
  stride: number;
  padding: number;
  output_padding: number;
  dilation: number;
  bias: boolean;
}

export interface MaxPool2dDesc {
  kind: 'MaxPool2d';
  kernel_size: number;
  stride: number;
  padding: number;
  dilation: number;
  ceil_mode: boolean;
}

export interface AvgPool2dDesc {
  kind: 'AvgPool2d';
  kernel_size: number;
  stride: number;
  padding: number;
  ceil_mode: boolean;
  count_include_pad: boolean;
}

export interface LinearDesc {
  kind: 'Linear';
  in_features: number;
  out_features: number;
  bias: boolean;
}

export interface FlattenDesc {
  kind: 'Flatten';
}

export interface UnflattenDesc {
  kind: 'Unflatten';
  unflattened_size: readonly [number, number, number];
}

export interface BatchNorm2dDesc {
  kind: 'BatchNorm2d';
  num_features: number;
  eps: number;
  momentum: number;
}

export type LayerDesc =
  | Conv2dDesc
  | ConvTranspose2dDesc
  | MaxPool2dDesc
  | AvgPool2dDesc
  | LinearDesc
  | FlattenDesc
  | UnflattenDesc
  | { kind: 'ReLU' }
  | { kind: 'LeakyReLU'; negative_slope: number }
  | { kind: 'Sigmoid' }
  | { kind: 'Tanh' }
  | BatchNorm2dDesc
  | { kind: 'Dropout'; p: number };
