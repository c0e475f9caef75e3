import source from '../../../shaders/bce_with_logits.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const bceWithLogitsSpec: KernelSpec = {
  name: 'bce_with_logits',
  source,
  workgroupSize: [64],
};
