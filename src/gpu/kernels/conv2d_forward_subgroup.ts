import source from '../../../shaders/conv2d_forward_subgroup.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';
import { COMMON_CONV, COMMON_CONV_ROW_STORE, COMMON_QUAD } from './conv_common';

/** Direct conv2d forward, 8 channels a thread, sharing weight loads across quads of subgroup lanes. */
export function conv2dForwardSubgroupSpec(v: { hasBias: boolean; relu: boolean; xTile: 5 | 8 }): KernelSpec {
  return {
    name: 'conv2d_forward_subgroup',
    source,
    common: [COMMON_INDEX, COMMON_CONV, COMMON_CONV_ROW_STORE, COMMON_QUAD],
    bindings: [
      { name: 'params', access: 'uniform' },
      { name: 'x', access: 'read-only-storage' },
      { name: 'weight', access: 'read-only-storage' },
      { name: 'bias', access: 'read-only-storage' },
      { name: 'y', access: 'storage' },
    ],
    uniformStruct: 'Params',
    workgroupSize: [64],
    constants: { HAS_BIAS: Number(v.hasBias), RELU: Number(v.relu), X_TILE: v.xTile },
  };
}
