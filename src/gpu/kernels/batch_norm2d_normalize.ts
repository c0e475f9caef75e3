import source from '../../../shaders/batch_norm2d_normalize.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** AFFINE: 0 leaves out the weight and bias (affine=False). */
export const batchNorm2dNormalizeSpec: KernelSpec = {
  name: 'batch_norm2d_normalize',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'mean', access: 'read-only-storage' },
    { name: 'invstd', access: 'read-only-storage' },
    { name: 'weight', access: 'read-only-storage' },
    { name: 'bias', access: 'read-only-storage' },
    { name: 'y', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
  constants: { AFFINE: 1 },
};
