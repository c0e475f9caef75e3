import source from '../../../shaders/augment_gather.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** The augmenting gather on a 3-D grid (x along a row, y down the rows, z over the batch); `noise` where
 *  the settings add noise (a pipeline without the noise code otherwise). */
export function augmentGatherSpec(v: { noise: boolean }): KernelSpec {
  return { name: 'augment_gather', source, workgroupSize: [8, 8], constants: { NOISE: Number(v.noise) } };
}
