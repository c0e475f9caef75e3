import source from '../../../shaders/max_pool2d_backward_windows.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_INDEX } from './common';

/** max_pool2d backward for windows that tile the input exactly: one thread per window; `reluMask` fuses a
 * preceding ReLU's backward (y: the pool's output; bound but unread without it). */
export function maxPool2dBackwardWindowsSpec(v: { reluMask: boolean }): KernelSpec {
  return {
    name: 'max_pool2d_backward_windows',
    source,
    common: [COMMON_INDEX],
    bindings: [
      { name: 'params', access: 'uniform' },
      { name: 'dy', access: 'read-only-storage' },
      { name: 'indices', access: 'read-only-storage' },
      { name: 'dx', access: 'storage' },
      { name: 'y', access: 'read-only-storage' },
    ],
    uniformStruct: 'Params',
    workgroupSize: [64],
    constants: { RELU_MASK: Number(v.reluMask) },
  };
}
