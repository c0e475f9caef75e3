import source from '../../../shaders/conv2d_reduce_splits.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Second split-K pass: sums partials in a fixed order (deterministic weight and bias gradients). */
export const conv2dReduceSplitsSpec: KernelSpec = {
  name: 'conv2d_reduce_splits',
  source,
  workgroupSize: [64],
};
