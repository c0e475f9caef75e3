import source from '../../../shaders/conv2d_backward_weight.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Split-K partial weight gradients; conv_transpose2d's dW is the same pass with x and dy exchanged. */
export const conv2dBackwardWeightSpec: KernelSpec = {
  name: 'conv2d_backward_weight',
  source,
  workgroupSize: [64],
};
