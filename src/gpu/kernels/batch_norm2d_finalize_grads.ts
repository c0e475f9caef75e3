import source from '../../../shaders/batch_norm2d_finalize_grads.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const batchNorm2dFinalizeGradsSpec: KernelSpec = {
  name: 'batch_norm2d_finalize_grads',
  source,
  workgroupSize: [64],
};
