import source from '../../../shaders/centernet_loss.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** The detection head's focal + L1 loss and its gradient. */
export const centerNetLossSpec: KernelSpec = {
  name: 'centernet_loss',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'output', access: 'read-only-storage' },
    { name: 'targets', access: 'read-only-storage' },
    { name: 'mask', access: 'read-only-storage' },
    { name: 'count', access: 'read-only-storage' },
    { name: 'grad', access: 'storage' },
    { name: 'partial', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
