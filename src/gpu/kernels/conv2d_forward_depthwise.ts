import source from '../../../shaders/conv2d_forward_depthwise.wgsl?raw';
import type { KernelSpec } from '../kernel';

/**
 * Depthwise conv2d, one channel x 4 rows x 8 columns a thread; `flip` makes it the input gradient of a
 * stride-1 conv (kernel rotated, weight read transposed); `unitX` when stride and dilation along x are 1.
 */
export function conv2dForwardDepthwiseSpec(v: {
  hasBias: boolean;
  relu: boolean;
  flip: boolean;
  unitX: boolean;
}): KernelSpec {
  return {
    name: 'conv2d_forward_depthwise',
    source,
    workgroupSize: [64],
    constants: {
      HAS_BIAS: Number(v.hasBias),
      RELU: Number(v.relu),
      FLIP: Number(v.flip),
      UNIT_X: Number(v.unitX),
    },
  };
}
