import source from '../../../shaders/gather_batch.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** The gather on a 2-D grid (groups of 4 pixels, images) with the workgroup shape chosen by the planner;
 * `aligned` where pixels % 4 == 0, so each group is one packed word. */
export function gatherBatchSpec(v: {
  aligned: boolean;
  workgroupSize: readonly [number, number];
}): KernelSpec {
  return {
    name: 'gather_batch',
    source,
    workgroupSize: v.workgroupSize,
    constants: { ALIGNED: Number(v.aligned) },
  };
}
