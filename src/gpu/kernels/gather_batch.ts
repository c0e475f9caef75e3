import source from '../../../shaders/gather_batch.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const gatherBatchSpec: KernelSpec = {
  name: 'gather_batch',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'indices', access: 'read-only-storage' },
    { name: 'images', access: 'read-only-storage' },
    { name: 'labels', access: 'read-only-storage' },
    { name: 'x', access: 'storage' },
    { name: 'y', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
