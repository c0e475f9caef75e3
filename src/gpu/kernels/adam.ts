import source from '../../../shaders/adam.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX, COMMON_LANES } from './common';

export const adamSpec: KernelSpec = {
  name: 'adam',
  source,
  common: [COMMON_INDEX, COMMON_LANES],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'step', access: 'read-only-storage' },
    { name: 'grad', access: 'read-only-storage' },
    { name: 'param', access: 'storage' },
    { name: 'exp_avg', access: 'storage' },
    { name: 'exp_avg_sq', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
