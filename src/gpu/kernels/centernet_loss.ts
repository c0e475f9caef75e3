import source from '../../../shaders/centernet_loss.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** The detection head's focal + L1 loss and its gradient. */
export const centerNetLossSpec: KernelSpec = {
  name: 'centernet_loss',
  source,
  workgroupSize: [64],
};
