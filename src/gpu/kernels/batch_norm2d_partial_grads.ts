import source from '../../../shaders/batch_norm2d_partial_grads.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const batchNorm2dPartialGradsSpec: KernelSpec = {
  name: 'batch_norm2d_partial_grads',
  source,
  workgroupSize: [64],
};
