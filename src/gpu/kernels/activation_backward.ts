import source from '../../../shaders/activation_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const activationBackwardSpec: KernelSpec = {
  name: 'activation_backward',
  source,
  workgroupSize: [64],
};
