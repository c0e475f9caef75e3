import source from '../../../shaders/conv2d_forward_direct.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';
import { COMMON_CONV, COMMON_CONV_ROW_STORE } from './conv_common';

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
    common: [COMMON_INDEX, COMMON_CONV, COMMON_CONV_ROW_STORE],
    bindings: [
      { name: 'params', access: 'uniform' },
      { name: 'x', access: 'read-only-storage' },
      { name: 'weight', access: 'read-only-storage' },
      { name: 'bias', access: 'read-only-storage' },
      { name: 'y', access: 'storage' },
    ],
    uniformStruct: 'Params',
    workgroupSize: [64],
    constants: { HAS_BIAS: Number(v.hasBias), RELU: Number(v.relu), TILE_C: v.tileC, X_TILE: v.xTile },
  };
}
