import source from '../../../shaders/avg_pool2d_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const avgPool2dBackwardSpec: KernelSpec = {
  name: 'avg_pool2d_backward',
  source,
  workgroupSize: [64],
};
