import source from '../../../shaders/group_norm_partial_grads.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const groupNormPartialGradsSpec: KernelSpec = {
  name: 'group_norm_partial_grads',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'mean', access: 'read-only-storage' },
    { name: 'invstd', access: 'read-only-storage' },
    { name: 'partial', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
