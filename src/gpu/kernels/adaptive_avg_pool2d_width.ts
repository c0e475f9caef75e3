import source from '../../../shaders/adaptive_avg_pool2d_width.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Pass 1 of AdaptiveAvgPool2d forward (row sums over column bins) with the planner's plane grid. */
export function adaptiveAvgPool2dWidthSpec(workgroupSize: readonly [number, number, number]): KernelSpec {
  return {
    name: 'adaptive_avg_pool2d_width',
    source,
    workgroupSize,
  };
}
