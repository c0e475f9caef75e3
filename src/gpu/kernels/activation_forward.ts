import source from '../../../shaders/activation_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { activationCommon } from './activation_common';

export const activationForwardSpec: KernelSpec = {
  name: 'activation_forward',
  source,
  common: activationCommon,
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'y', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
