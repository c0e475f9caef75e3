import source from '../../../shaders/reduce_rows.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const reduceRowsSpec: KernelSpec = {
  name: 'reduce_rows',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'x', access: 'read-only-storage' },
    { name: 'out', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
