import source from '../../../shaders/add_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX, COMMON_LANES } from './common';

export const addForwardSpec: KernelSpec = {
  name: 'add_forward',
  source,
  common: [COMMON_INDEX, COMMON_LANES],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'a', access: 'read-only-storage' },
    { name: 'b', access: 'read-only-storage' },
    { name: 'y', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
