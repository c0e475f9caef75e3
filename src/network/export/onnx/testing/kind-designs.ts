// Test-only: small designs that hold every layer kind on awkward settings (ceil_mode windows, padding
// counted or not, dilation, groups, bins of unequal sizes, both GELUs, both upsampling modes, norms
// without affine, an Add of three values), for the ONNX export's tests.
import type { Layer, NetworkSpec } from '../../../spec';
import { L, net } from '../../../testing/build';

const named = (id: string, layer: Layer): Layer => ({ ...layer, id });

export const KIND_DESIGNS: Record<string, NetworkSpec> = {
  // 28 → conv 14 → max pool with ceil_mode 7 → average pool with ceil_mode, padding counted, 4.
  'windows with ceil_mode and dilation': net([
    L('Conv2d', { out_channels: 4, kernel_size: 3, stride: 2, padding: 2, dilation: 2, bias: false }),
    L('MaxPool2d', { kernel_size: 3, stride: 2, padding: 1, dilation: 2, ceil_mode: true }),
    L('AvgPool2d', { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true, count_include_pad: true }),
    L('GroupNorm', { num_groups: 2, num_channels: 4 }),
    L('GELU', { approximate: 'tanh' }),
    L('Flatten'),
    L('Linear', { out_features: 10, bias: false }),
    L('Softmax'),
  ]),
  // 28 → 24 → pool without counted padding 12 → unequal bins 5×5 → grouped conv → 10 → bins 3×2.
  'norms without affine, unequal bins, grouped conv, bilinear': net([
    L('Conv2d', { out_channels: 6, kernel_size: 5 }),
    L('BatchNorm2d', { num_features: 6, affine: false }),
    L('ELU', { alpha: 0.7 }),
    L('AvgPool2d', { kernel_size: 3, stride: 2, padding: 1, count_include_pad: false }),
    L('AdaptiveAvgPool2d', { output_size: [5, 5] }),
    L('LeakyReLU', { negative_slope: 0.1 }),
    L('Conv2d', { in_channels: 6, out_channels: 6, kernel_size: 3, padding: 1, groups: 3 }),
    L('GroupNorm', { num_groups: 3, num_channels: 6, affine: false }),
    L('SiLU'),
    L('Upsample', { scale_factor: 2, mode: 'bilinear', align_corners: false }),
    L('AdaptiveAvgPool2d', { output_size: [3, 2] }),
    L('Flatten'),
    L('Linear', { out_features: 20 }),
    L('Dropout', { p: 0.5 }),
    // A VAE's sampling step evaluates to the means: the first 10 of the 20.
    L('Reparameterize', { kl_weight: 0.5 }),
  ]),
  'generator: nearest and aligned bilinear upsampling, transposed convs': net(
    [
      L('Linear', { out_features: 8 * 7 * 7 }),
      L('Unflatten', { unflattened_size: [8, 7, 7] }),
      L('Upsample', { scale_factor: 2, mode: 'nearest' }),
      L('ConvTranspose2d', {
        out_channels: 4,
        kernel_size: 3,
        stride: 2,
        padding: 1,
        output_padding: 1,
        groups: 2,
      }),
      L('BatchNorm2d', { num_features: 4 }),
      L('GELU', { approximate: 'none' }),
      L('ConvTranspose2d', { out_channels: 2, kernel_size: 3, padding: 2, dilation: 2, bias: false }),
      L('Upsample', { scale_factor: 3, mode: 'bilinear', align_corners: true }),
      L('Conv2d', { out_channels: 1, kernel_size: 3, stride: 3 }),
      L('Tanh'),
      L('Sigmoid'),
    ],
    { task: 'generator', latentDim: 16 },
  ),
  'a sum of three values and a concatenation with the input': net([
    named('c1', L('Conv2d', { out_channels: 4, kernel_size: 3, padding: 1 })),
    named('r1', L('ReLU')),
    named('c2', L('Conv2d', { out_channels: 4, kernel_size: 3, padding: 1 })),
    named('sum', { ...L('Add'), inputs: ['c1', 'r1', 'c2'] }),
    { ...L('Concat'), inputs: ['sum', 'input'] },
    L('MaxPool2d', { kernel_size: 2 }),
    L('AdaptiveAvgPool2d', { output_size: [1, 1] }),
    L('Flatten'),
    L('Linear', { out_features: 10 }),
  ]),
};
