import source from '../../../shaders/group_norm_backward_input.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** AFFINE: 0 takes the weight as 1 (affine=False). */
export const groupNormBackwardInputSpec: KernelSpec = {
  name: 'group_norm_backward_input',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'mean', access: 'read-only-storage' },
    { name: 'invstd', access: 'read-only-storage' },
    { name: 'weight', access: 'read-only-storage' },
    { name: 'row_sums', access: 'read-only-storage' },
    { name: 'dx', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
  constants: { AFFINE: 1 },
};
