import source from '../../../shaders/conv2d_backward_weight.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';
import { COMMON_CONV } from './conv_common';

/** Split-K partial weight gradients; conv_transpose2d's dW is the same pass with x and dy exchanged. */
export const conv2dBackwardWeightSpec: KernelSpec = {
  name: 'conv2d_backward_weight',
  source,
  common: [COMMON_INDEX, COMMON_CONV],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'partial', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
