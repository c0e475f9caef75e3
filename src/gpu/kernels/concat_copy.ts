import source from '../../../shaders/concat_copy.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** The copy kernel with its workgroup shape (x along a run, y along batch rows) chosen by the planner. */
export function concatCopySpec(workgroupSize: readonly [number, number]): KernelSpec {
  return {
    name: 'concat_copy',
    source,
    workgroupSize,
  };
}
