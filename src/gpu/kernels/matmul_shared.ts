// matmul.wgsl's contract, tiled through workgroup memory for discrete GPUs; TRANS_A, TRANS_B, HAS_BIAS, ACTIVATION.
import source from '../../../shaders/matmul_shared.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const matmulSharedSpec: KernelSpec = {
  name: 'matmul_shared',
  source,
  workgroupSize: [16, 16],
};
