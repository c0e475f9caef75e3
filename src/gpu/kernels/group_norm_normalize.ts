import source from '../../../shaders/group_norm_normalize.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** AFFINE: 0 leaves out the weight and bias (affine=False). */
export const groupNormNormalizeSpec: KernelSpec = {
  name: 'group_norm_normalize',
  source,
  workgroupSize: [64],
  constants: { AFFINE: 1 },
};
