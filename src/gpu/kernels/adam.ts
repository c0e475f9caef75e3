import source from '../../../shaders/adam.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const adamSpec: KernelSpec = {
  name: 'adam',
  source,
  workgroupSize: [64],
};
