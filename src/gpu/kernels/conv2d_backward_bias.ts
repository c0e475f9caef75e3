import source from '../../../shaders/conv2d_backward_bias.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Split-K partial per-channel sums of dy (bias gradient of conv2d and conv_transpose2d). */
export const conv2dBackwardBiasSpec: KernelSpec = {
  name: 'conv2d_backward_bias',
  source,
  workgroupSize: [64],
};
