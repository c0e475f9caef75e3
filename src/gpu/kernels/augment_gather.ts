import source from '../../../shaders/augment_gather.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** The augmenting gather on a 3-D grid (x along a row, y down the rows, z over the batch). */
export const augmentGatherSpec: KernelSpec = {
  name: 'augment_gather',
  source,
  workgroupSize: [8, 8],
};
