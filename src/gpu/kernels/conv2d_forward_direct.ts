import source from '../../../shaders/conv2d_forward_direct.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Sliding-window conv2d forward for stride 1 and dilation 1 along x. */
export function conv2dForwardDirectSpec(v: {
  hasBias: boolean;
  relu: boolean;
  tileC: 3 | 4;
  xTile: 5 | 8;
}): KernelSpec {
  return {
    name: 'conv2d_forward_direct',
    source,
    workgroupSize: [64],
    constants: { HAS_BIAS: Number(v.hasBias), RELU: Number(v.relu), TILE_C: v.tileC, X_TILE: v.xTile },
  };
}
