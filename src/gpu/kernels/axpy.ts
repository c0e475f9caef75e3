import source from '../../../shaders/axpy.wgsl?raw';
import type { KernelSpec } from '../kernel';

export const axpySpec: KernelSpec = {
  name: 'axpy',
  source,
  workgroupSize: [64],
};
