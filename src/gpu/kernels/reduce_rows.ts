import source from '../../../shaders/reduce_rows.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const reduceRowsSpec: KernelSpec = {
  name: 'reduce_rows',
  source,
  workgroupSize: [64],
};
