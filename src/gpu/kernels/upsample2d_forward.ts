import source from '../../../shaders/upsample2d_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Upsample forward with the planner's plane grid; `bilinear` picks the blend over nearest's copy. */
export function upsample2dForwardSpec(v: {
  bilinear: boolean;
  workgroupSize: readonly [number, number, number];
}): KernelSpec {
  return {
    name: 'upsample2d_forward',
    source,
    workgroupSize: v.workgroupSize,
    constants: { BILINEAR: v.bilinear ? 1 : 0 },
  };
}
