import source from '../../../shaders/add_accumulate.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX, COMMON_LANES } from './common';

export const addAccumulateSpec: KernelSpec = {
  name: 'add_accumulate',
  source,
  common: [COMMON_INDEX, COMMON_LANES],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'y', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
