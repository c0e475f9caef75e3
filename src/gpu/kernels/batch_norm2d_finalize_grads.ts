import source from '../../../shaders/batch_norm2d_finalize_grads.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const batchNorm2dFinalizeGradsSpec: KernelSpec = {
  name: 'batch_norm2d_finalize_grads',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'partial', access: 'read-only-storage' },
    { name: 'dweight', access: 'storage' },
    { name: 'dbias', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
