import source from '../../../shaders/batch_norm2d_partial_stats.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const batchNorm2dPartialStatsSpec: KernelSpec = {
  name: 'batch_norm2d_partial_stats',
  source,
  workgroupSize: [64],
};
