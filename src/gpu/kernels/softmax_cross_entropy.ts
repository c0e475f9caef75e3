import source from '../../../shaders/softmax_cross_entropy.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const softmaxCrossEntropySpec: KernelSpec = {
  name: 'softmax_cross_entropy',
  source,
  workgroupSize: [64],
};
