import source from '../../../shaders/mse.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const mseSpec: KernelSpec = {
  name: 'mse',
  source,
  workgroupSize: [64],
};
