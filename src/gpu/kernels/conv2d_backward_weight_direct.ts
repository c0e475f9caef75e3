import source from '../../../shaders/conv2d_backward_weight_direct.wgsl?raw';
import type { KernelSpec } from '../kernel';

/**
 * Split-K partial weight gradients with a sliding window, for stride 1 and dilation 1 along x; biasRow >= 0
 * folds the bias gradient's partials in, summed by that tap row (one whose rows are all in the input).
 */
export function conv2dBackwardWeightDirectSpec(v: {
  kxTile: 5 | 8;
  tileC: 3 | 4;
  biasRow: number;
}): KernelSpec {
  return {
    name: 'conv2d_backward_weight_direct',
    source,
    workgroupSize: [64],
    constants: { KX_TILE: v.kxTile, TILE_C: v.tileC, BIAS_ROW: v.biasRow },
  };
}
