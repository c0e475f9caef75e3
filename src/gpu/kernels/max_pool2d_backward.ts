import source from '../../../shaders/max_pool2d_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const maxPool2dBackwardSpec: KernelSpec = {
  name: 'max_pool2d_backward',
  source,
  workgroupSize: [64],
};
