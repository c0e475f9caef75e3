import source from '../../../shaders/conv2d_backward_bias.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** Split-K partial per-channel sums of dy (bias gradient of conv2d and conv_transpose2d). */
export const conv2dBackwardBiasSpec: KernelSpec = {
  name: 'conv2d_backward_bias',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'partial', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
