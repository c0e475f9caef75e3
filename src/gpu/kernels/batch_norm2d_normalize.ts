import source from '../../../shaders/batch_norm2d_normalize.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** AFFINE: 0 leaves out the weight and bias (affine=False). */
export const batchNorm2dNormalizeSpec: KernelSpec = {
  name: 'batch_norm2d_normalize',
  source,
  workgroupSize: [64],
  constants: { AFFINE: 1 },
};
