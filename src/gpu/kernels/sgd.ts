import source from '../../../shaders/sgd.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const sgdSpec: KernelSpec = {
  name: 'sgd',
  source,
  workgroupSize: [64],
};
