import source from '../../../shaders/sgd.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX, COMMON_LANES } from './common';

export const sgdSpec: KernelSpec = {
  name: 'sgd',
  source,
  common: [COMMON_INDEX, COMMON_LANES],
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'step', access: 'read-only-storage' },
    { name: 'grad', access: 'read-only-storage' },
    { name: 'param', access: 'storage' },
    { name: 'momentum_buf', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [64],
};
