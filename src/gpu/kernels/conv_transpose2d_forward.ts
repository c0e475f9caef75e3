import source from '../../../shaders/conv_transpose2d_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export interface ConvTranspose2dForwardVariant {
  /** Output channels per thread: 4 (register tile) or 1 (few output channels). */
  tileC: 1 | 4;
  hasBias: boolean;
  /** Stride 1 on both axes (skips the on-grid divisions). */
  unitStride: boolean;
}

/** Also conv2d's backward-input pass (x = dy, y = dx, no bias). */
export function convTranspose2dForwardSpec(v: ConvTranspose2dForwardVariant): KernelSpec {
  return {
    name: 'conv_transpose2d_forward',
    source,
    workgroupSize: [64],
    constants: { TILE_C: v.tileC, HAS_BIAS: Number(v.hasBias), UNIT_STRIDE: Number(v.unitStride) },
  };
}
