import source from '../../../shaders/bce_with_logits.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const bceWithLogitsSpec: KernelSpec = {
  name: 'bce_with_logits',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'logits', access: 'read-only-storage' },
    { name: 'targets', access: 'read-only-storage' },
    { name: 'dlogits', access: 'storage' },
    { name: 'partial', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
