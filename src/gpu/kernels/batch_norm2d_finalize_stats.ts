import source from '../../../shaders/batch_norm2d_finalize_stats.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/**
 * Training by default; the planner sets TRAINING: 0 for eval (save the running stats instead), and
 * UPDATE_RUNNING: 0 where there are no running stats (GroupNorm).
 */
export const batchNorm2dFinalizeStatsSpec: KernelSpec = {
  name: 'batch_norm2d_finalize_stats',
  source,
  common: [COMMON_INDEX],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'partial', access: 'read-only-storage' },
    { name: 'running_mean', access: 'storage' },
    { name: 'running_var', access: 'storage' },
    { name: 'save_mean', access: 'storage' },
    { name: 'save_invstd', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
  constants: { TRAINING: 1, UPDATE_RUNNING: 1 },
};
