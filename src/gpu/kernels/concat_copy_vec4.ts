import source from '../../../shaders/concat_copy_vec4.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { concatCopySpec } from './concat_copy';

/** concat_copy in vec4s, for runs, rows and offsets that are multiples of 4; the same bindings. */
export function concatCopyVec4Spec(workgroupSize: readonly [number, number]): KernelSpec {
  return { ...concatCopySpec(workgroupSize), name: 'concat_copy_vec4', source };
}
