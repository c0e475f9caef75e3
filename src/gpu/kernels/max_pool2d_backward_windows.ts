import source from '../../../shaders/max_pool2d_backward_windows.wgsl?raw';
import type { KernelSpec } from '../kernel';

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
    workgroupSize: v.workgroupSize,
    constants: { RELU_MASK: Number(v.reluMask), KH: v.kh, KW: v.kw },
  };
}
