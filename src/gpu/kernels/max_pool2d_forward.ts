import source from '../../../shaders/max_pool2d_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const maxPool2dForwardSpec: KernelSpec = {
  name: 'max_pool2d_forward',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'y', access: 'storage' },
    { name: 'indices', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
