import source from '../../../shaders/adaptive_avg_pool2d_height.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Pass 2 of AdaptiveAvgPool2d forward (column sums over row bins, then the mean) with the planner's plane grid. */
export function adaptiveAvgPool2dHeightSpec(workgroupSize: readonly [number, number, number]): KernelSpec {
  return {
    name: 'adaptive_avg_pool2d_height',
    source,
    workgroupSize,
  };
}
