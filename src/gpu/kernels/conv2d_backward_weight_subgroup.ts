import source from '../../../shaders/conv2d_backward_weight_subgroup.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Split-K partial weight gradients, 8 channels a thread, dy loads shared across quads of subgroup lanes. */
export function conv2dBackwardWeightSubgroupSpec(v: { kxTile: 5 | 8 }): KernelSpec {
  return {
    name: 'conv2d_backward_weight_subgroup',
    source,
    workgroupSize: [64],
    constants: { KX_TILE: v.kxTile },
  };
}
