import source from '../../../shaders/reparameterize_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const reparameterizeForwardSpec: KernelSpec = {
  name: 'reparameterize_forward',
  source,
  workgroupSize: [64],
};
