import source from '../../../shaders/batch_norm2d_backward_input.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/**
 * Training by default; TRAINING: 0 drops the batch-statistics terms (eval: dx = weight * invstd * dy);
 * AFFINE: 0 takes the weight as 1 (affine=False).
 */
export const batchNorm2dBackwardInputSpec: KernelSpec = {
  name: 'batch_norm2d_backward_input',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'mean', access: 'read-only-storage' },
    { name: 'invstd', access: 'read-only-storage' },
    { name: 'weight', access: 'read-only-storage' },
    { name: 'dweight', access: 'read-only-storage' },
    { name: 'dbias', access: 'read-only-storage' },
    { name: 'dx', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
  constants: { TRAINING: 1, AFFINE: 1 },
};
