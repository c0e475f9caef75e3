import source from '../../../shaders/conv2d_forward_subgroup.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Direct conv2d forward, 8 channels a thread, sharing weight loads across quads of subgroup lanes. */
export function conv2dForwardSubgroupSpec(v: { hasBias: boolean; relu: boolean; xTile: 5 | 8 }): KernelSpec {
  return {
    name: 'conv2d_forward_subgroup',
    source,
    workgroupSize: [64],
    constants: { HAS_BIAS: Number(v.hasBias), RELU: Number(v.relu), X_TILE: v.xTile },
  };
}
