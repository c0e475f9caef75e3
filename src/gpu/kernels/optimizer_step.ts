import source from '../../../shaders/optimizer_step.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const optimizerStepSpec: KernelSpec = {
  name: 'optimizer_step',
  source,
  workgroupSize: [1],
};
