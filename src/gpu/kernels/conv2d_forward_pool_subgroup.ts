import source from '../../../shaders/conv2d_forward_pool_subgroup.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** conv2d forward + bias + ReLU + 2x2 max-pool of stride 2, 8 channels a thread, quads sharing weights. */
export function conv2dForwardPoolSubgroupSpec(v: {
  hasBias: boolean;
  relu: boolean;
  xTile: 5 | 8;
}): KernelSpec {
  return {
    name: 'conv2d_forward_pool_subgroup',
    source,
    workgroupSize: [64],
    constants: { HAS_BIAS: Number(v.hasBias), RELU: Number(v.relu), X_TILE: v.xTile },
  };
}
