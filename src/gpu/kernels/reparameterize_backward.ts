import source from '../../../shaders/reparameterize_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_HASH, COMMON_INDEX } from './common';

export const reparameterizeBackwardSpec: KernelSpec = {
  name: 'reparameterize_backward',
  source,
  common: [COMMON_INDEX, COMMON_HASH],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'dx', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
