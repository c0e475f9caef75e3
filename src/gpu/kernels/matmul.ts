// C = op(A)·op(B) (+ bias, activation); the constants TRANS_A, TRANS_B, VEC_A, VEC_B, HAS_BIAS, ACTIVATION specialise it.
import source from '../../../shaders/matmul.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const matmulSpec: KernelSpec = {
  name: 'matmul',
  source,
  workgroupSize: [8, 8],
};
