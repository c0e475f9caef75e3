import source from '../../../shaders/softmax_cross_entropy.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

export const softmaxCrossEntropySpec: KernelSpec = {
  name: 'softmax_cross_entropy',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'logits', access: 'read-only-storage' },
    { name: 'labels', access: 'read-only-storage' },
    { name: 'dlogits', access: 'storage' },
    { name: 'probs', access: 'storage' },
    { name: 'partial', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
