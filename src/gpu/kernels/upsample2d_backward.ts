import source from '../../../shaders/upsample2d_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Upsample backward (a gather, the same for every mode) with the planner's plane grid. */
export function upsample2dBackwardSpec(workgroupSize: readonly [number, number, number]): KernelSpec {
  return {
    name: 'upsample2d_backward',
    source,
    workgroupSize,
  };
}
