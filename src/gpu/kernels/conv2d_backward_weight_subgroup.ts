import source from '../../../shaders/conv2d_backward_weight_subgroup.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';
import { COMMON_CONV, COMMON_WEIGHT_GRAD_STORE, COMMON_QUAD } from './conv_common';

/** Split-K partial weight gradients, 8 channels a thread, dy loads shared across quads of subgroup lanes. */
export function conv2dBackwardWeightSubgroupSpec(v: { kxTile: 5 | 8 }): KernelSpec {
  return {
    name: 'conv2d_backward_weight_subgroup',
    source,
    common: [COMMON_INDEX, COMMON_CONV, COMMON_WEIGHT_GRAD_STORE, COMMON_QUAD],
    bindings: [
      { name: 'params', access: 'uniform' },
      { name: 'x', access: 'read-only-storage' },
      { name: 'dy', access: 'read-only-storage' },
      { name: 'partial', access: 'storage' },
    ],
    uniformStruct: 'Params',
    workgroupSize: [64],
    constants: { KX_TILE: v.kxTile },
  };
}
