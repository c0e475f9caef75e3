import source from '../../../shaders/loss_accumulate.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const lossAccumulateSpec: KernelSpec = {
  name: 'loss_accumulate',
  source,
  workgroupSize: [1],
};
