import source from '../../../shaders/conv2d_backward_weight_depthwise.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Split-K partial weight gradients of a depthwise conv, one channel x 8 kx a thread. */
export function conv2dBackwardWeightDepthwiseSpec(v: { unitX: boolean }): KernelSpec {
  return {
    name: 'conv2d_backward_weight_depthwise',
    source,
    workgroupSize: [64],
    constants: { KX_TILE: 8, UNIT_X: Number(v.unitX) },
  };
}
