import source from '../../../shaders/group_norm_row_sums.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** AFFINE: 0 takes the weight as 1 (affine=False). */
export const groupNormRowSumsSpec: KernelSpec = {
  name: 'group_norm_row_sums',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'partial', access: 'read-only-storage' },
    { name: 'weight', access: 'read-only-storage' },
    { name: 'row_sums', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
  constants: { AFFINE: 1 },
};
