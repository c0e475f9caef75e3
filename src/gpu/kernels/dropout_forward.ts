import source from '../../../shaders/dropout_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const dropoutForwardSpec: KernelSpec = {
  name: 'dropout_forward',
  source,
  workgroupSize: [64],
};
