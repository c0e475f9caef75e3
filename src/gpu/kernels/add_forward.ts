import source from '../../../shaders/add_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const addForwardSpec: KernelSpec = {
  name: 'add_forward',
  source,
  workgroupSize: [64],
};
