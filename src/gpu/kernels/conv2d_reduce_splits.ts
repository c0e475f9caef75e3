import source from '../../../shaders/conv2d_reduce_splits.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** Second split-K pass: sums partials in a fixed order (deterministic weight and bias gradients). */
export const conv2dReduceSplitsSpec: KernelSpec = {
  name: 'conv2d_reduce_splits',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'partial', access: 'read-only-storage' },
    { name: 'result', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
