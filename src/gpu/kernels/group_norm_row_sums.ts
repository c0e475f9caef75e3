import source from '../../../shaders/group_norm_row_sums.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** AFFINE: 0 takes the weight as 1 (affine=False). */
export const groupNormRowSumsSpec: KernelSpec = {
  name: 'group_norm_row_sums',
  source,
  workgroupSize: [64],
  constants: { AFFINE: 1 },
};
