import source from '../../../shaders/reparameterize_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_HASH, COMMON_INDEX } from './common';

export const reparameterizeForwardSpec: KernelSpec = {
  name: 'reparameterize_forward',
  source,
  common: [COMMON_INDEX, COMMON_HASH],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'y', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
