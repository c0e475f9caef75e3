import source from '../../../shaders/activation_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { activationCommon } from './activation_common';

export const activationBackwardSpec: KernelSpec = {
  name: 'activation_backward',
  source,
  common: activationCommon,
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'saved', access: 'read-only-storage' },
    { name: 'dy', access: 'read-only-storage' },
    { name: 'dx', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
