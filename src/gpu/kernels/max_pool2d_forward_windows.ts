import source from '../../../shaders/max_pool2d_forward_windows.wgsl?raw';
import type { KernelSpec } from '../kernel';

/** max_pool2d forward for windows that tile the input exactly, on a 3-D grid (output column groups, rows,
 * planes) with the window size kh x kw and the workgroup shape as override constants. */
export function maxPool2dForwardWindowsSpec(v: {
  kh: number;
  kw: number;
  workgroupSize: readonly [number, number, number];
}): KernelSpec {
  return {
    name: 'max_pool2d_forward_windows',
    source,
    workgroupSize: v.workgroupSize,
    constants: { KH: v.kh, KW: v.kw },
  };
}
