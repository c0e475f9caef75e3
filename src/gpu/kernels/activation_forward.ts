import source from '../../../shaders/activation_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const activationForwardSpec: KernelSpec = {
  name: 'activation_forward',
  source,
  workgroupSize: [64],
};
