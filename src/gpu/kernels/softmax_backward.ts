import source from '../../../shaders/softmax_backward.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** Softmax (dim 1) backward from the output, on the forward's row grid. */
export function softmaxBackwardSpec(workgroupSize: readonly [number, number]): KernelSpec {
  return {
    name: 'softmax_backward',
    source,
    workgroupSize,
  };
}
