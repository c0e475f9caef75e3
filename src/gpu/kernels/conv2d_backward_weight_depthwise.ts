import source from '../../../shaders/conv2d_backward_weight_depthwise.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';
import { COMMON_CONV, COMMON_WEIGHT_GRAD_STORE } from './conv_common';

/** Split-K partial weight gradients of a depthwise conv, one channel x 8 kx a thread. */
export function conv2dBackwardWeightDepthwiseSpec(v: { unitX: boolean }): KernelSpec {
  return {
    name: 'conv2d_backward_weight_depthwise',
    source,
    common: [COMMON_INDEX, COMMON_CONV, COMMON_WEIGHT_GRAD_STORE],
    bindings: [
      { name: 'params', access: 'uniform' },
      { name: 'x', access: 'read-only-storage' },
      { name: 'dy', access: 'read-only-storage' },
      { name: 'partial', access: 'storage' },
    ],
    uniformStruct: 'Params',
    workgroupSize: [64],
    constants: { KX_TILE: 8, UNIT_X: Number(v.unitX) },
  };
}
