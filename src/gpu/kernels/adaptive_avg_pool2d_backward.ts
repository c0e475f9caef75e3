import source from '../../../shaders/adaptive_avg_pool2d_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** AdaptiveAvgPool2d backward (a gather over each input's outputs) with the planner's plane grid. */
export function adaptiveAvgPool2dBackwardSpec(workgroupSize: readonly [number, number, number]): KernelSpec {
  return {
    name: 'adaptive_avg_pool2d_backward',
    source,
    workgroupSize,
  };
}
