import source from '../../../shaders/activation_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const activationBackwardSpec: KernelSpec = {
  name: 'activation_backward',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'saved', access: 'read-only-storage' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'dx', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
