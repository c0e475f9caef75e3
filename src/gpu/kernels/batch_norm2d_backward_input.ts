import source from '../../../shaders/batch_norm2d_backward_input.wgsl?raw';
import type { KernelSpec } from '../kernel';

/**
 * Training by default; TRAINING: 0 drops the batch-statistics terms (eval: dx = weight * invstd * dy);
 * AFFINE: 0 takes the weight as 1 (affine=False).
 */
export const batchNorm2dBackwardInputSpec: KernelSpec = {
  name: 'batch_norm2d_backward_input',
  source,
  workgroupSize: [64],
  constants: { TRAINING: 1, AFFINE: 1 },
};
