// matmul.wgsl's contract, tiled through workgroup memory for discrete GPUs; TRANS_A, TRANS_B, HAS_BIAS, ACTIVATION.
import source from '../../../shaders/matmul_shared.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const matmulSharedSpec: KernelSpec = {
  name: 'matmul_shared',
  source,
  bindings: [
    { name: 'params', access: 'uniform' },
    { name: 'a', access: 'read-only-storage' },
    { name: 'b', access: 'read-only-storage' },
    { name: 'bias', access: 'read-only-storage' },
    { name: 'c', access: 'storage' },
  ],
  uniformStruct: 'Params',
  workgroupSize: [16, 16],
};
