import source from '../../../shaders/reduce_rows_vec4.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { reduceRowsSpec } from './reduce_rows';

/** reduce_rows for a column count that is a multiple of 4: one vec4 of columns per thread, same bindings. */
export const reduceRowsVec4Spec: KernelSpec = {
  ...reduceRowsSpec,
  name: 'reduce_rows_vec4',
  source,
};
