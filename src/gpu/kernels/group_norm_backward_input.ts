import source from '../../../shaders/group_norm_backward_input.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** AFFINE: 0 takes the weight as 1 (affine=False). */
export const groupNormBackwardInputSpec: KernelSpec = {
  name: 'group_norm_backward_input',
  source,
  workgroupSize: [64],
  constants: { AFFINE: 1 },
};
