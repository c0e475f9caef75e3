import source from '../../../shaders/group_norm_partial_grads.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const groupNormPartialGradsSpec: KernelSpec = {
  name: 'group_norm_partial_grads',
  source,
  workgroupSize: [64],
};
