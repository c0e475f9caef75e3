import source from '../../../shaders/conv_transpose2d_forward_direct.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';
import { COMMON_CONV } from './conv_common';

/** Sliding-window transposed conv for stride 1 and dilation 1 along x (also conv2d's backward input). */
export function convTranspose2dForwardDirectSpec(v: {
  hasBias: boolean;
  tileC: 3 | 4;
  xTile: 7 | 8;
}): KernelSpec {
  return {
    name: 'conv_transpose2d_forward_direct',
    source,
    common: [COMMON_INDEX, COMMON_CONV],
    bindings: [
      { name: 'params', access: 'uniform' },
      { name: 'x', access: 'read-only-storage' },
      { name: 'weight', access: 'read-only-storage' },
      { name: 'bias', access: 'read-only-storage' },
      { name: 'y', access: 'storage' },
    ],
    uniformStruct: 'Params',
    workgroupSize: [64],
    constants: { HAS_BIAS: Number(v.hasBias), TILE_C: v.tileC, X_TILE: v.xTile },
  };
}
