import source from '../../../shaders/softmax_forward.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Softmax over dim 1 with the planner's row grid (x along the inner positions, y over rows). */
export function softmaxForwardSpec(workgroupSize: readonly [number, number]): KernelSpec {
  return {
    name: 'softmax_forward',
    source,
    workgroupSize,
  };
}
