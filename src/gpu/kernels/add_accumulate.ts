import source from '../../../shaders/add_accumulate.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const addAccumulateSpec: KernelSpec = {
  name: 'add_accumulate',
  source,
  workgroupSize: [64],
};
