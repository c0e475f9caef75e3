import source from '../../../shaders/max_pool2d_backward_windows.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { COMMON_POOL_WINDOWS } from './pool_windows_common';

/** max_pool2d backward for windows that tile the input exactly, on the 3-D grid of the forward's windows
 * kernel; `reluMask` fuses a preceding ReLU's backward (y: the pool's output; bound but unread without it). */
export function maxPool2dBackwardWindowsSpec(v: {
  reluMask: boolean;
  kh: number;
  kw: number;
  workgroupSize: readonly [number, number, number];
}): KernelSpec {
  return {
    name: 'max_pool2d_backward_windows',
    source,
    common: [COMMON_POOL_WINDOWS],
    bindings: [
      { name: 'params', access: 'uniform' },
      { name: 'dy', access: 'read-only-storage' },
      { name: 'indices', access: 'read-only-storage' },
      { name: 'dx', access: 'storage' },
      { name: 'y', access: 'read-only-storage' },
    ],
    uniformStruct: 'Params',
    workgroupSize: v.workgroupSize,
    constants: { RELU_MASK: Number(v.reluMask), KH: v.kh, KW: v.kw },
  };
}
