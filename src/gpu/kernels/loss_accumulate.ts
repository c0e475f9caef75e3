import source from '../../../shaders/loss_accumulate.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const lossAccumulateSpec: KernelSpec = {
  name: 'loss_accumulate',
  source,
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'partial', access: 'read-only-storage' },
    { name: 'acc', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [1],
};
