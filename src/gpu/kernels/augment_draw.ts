import source from '../../../shaders/augment_draw.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Each sample's transform for augment_gather, one thread per sample. */
export const augmentDrawSpec: KernelSpec = {
  name: 'augment_draw',
  source,
  workgroupSize: [64],
};
