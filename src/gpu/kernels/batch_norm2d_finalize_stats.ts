import source from '../../../shaders/batch_norm2d_finalize_stats.wgsl?raw';
import type { KernelSpec } from '../kernel';

/**
 * Training by default; the planner sets TRAINING: 0 for eval (save the running stats instead), and
 * UPDATE_RUNNING: 0 where there are no running stats (GroupNorm).
 */
export const batchNorm2dFinalizeStatsSpec: KernelSpec = {
  name: 'batch_norm2d_finalize_stats',
  source,
  workgroupSize: [64],
  constants: { TRAINING: 1, UPDATE_RUNNING: 1 },
};
