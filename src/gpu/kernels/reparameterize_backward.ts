import source from '../../../shaders/reparameterize_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const reparameterizeBackwardSpec: KernelSpec = {
  name: 'reparameterize_backward',
  source,
  workgroupSize: [64],
};
