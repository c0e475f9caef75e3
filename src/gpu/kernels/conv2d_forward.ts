import source from '../../../shaders/conv2d_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

export interface Conv2dForwardVariant {
  /** Output channels per thread: 4 (implicit-GEMM register tile) or 1 (for 1 or 2 channels). */
  tileCo: 1 | 4;
  hasBias: boolean;
  /** Fused max(0, y) epilogue. */
  relu: boolean;
}

export function conv2dForwardSpec(v: Conv2dForwardVariant): KernelSpec {
  return {
    name: 'conv2d_forward',
    source,
    workgroupSize: [64],
    constants: { TILE_CO: v.tileCo, HAS_BIAS: Number(v.hasBias), RELU: Number(v.relu) },
  };
}
