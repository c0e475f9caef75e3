import source from '../../../shaders/conv_transpose2d_forward_direct.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Sliding-window transposed conv for stride 1 and dilation 1 along x (also conv2d's backward input). */
export function convTranspose2dForwardDirectSpec(v: {
  hasBias: boolean;
  tileC: 3 | 4;
  xTile: 7 | 8;
}): KernelSpec {
  return {
    name: 'conv_transpose2d_forward_direct',
    source,
    workgroupSize: [64],
    constants: { HAS_BIAS: Number(v.hasBias), TILE_C: v.tileC, X_TILE: v.xTile },
  };
}
