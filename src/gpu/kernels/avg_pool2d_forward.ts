import source from '../../../shaders/avg_pool2d_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const avgPool2dForwardSpec: KernelSpec = {
  name: 'avg_pool2d_forward',
  source,
  workgroupSize: [64],
};
