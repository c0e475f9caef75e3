import source from '../../../shaders/mse.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const mseSpec: KernelSpec = {
  name: 'mse',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'pred', access: 'read-only-storage' },
    { name: 'targets', access: 'read-only-storage' },
    { name: 'dpred', access: 'storage' },
    { name: 'partial', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
