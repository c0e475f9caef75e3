import source from '../../../shaders/max_pool2d_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const maxPool2dForwardSpec: KernelSpec = {
  name: 'max_pool2d_forward',
  source,
  workgroupSize: [64],
};
