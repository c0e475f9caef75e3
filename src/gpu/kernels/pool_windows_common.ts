// shaders/common/pool_windows.wgsl: the division-free grid shared by the max_pool2d *_windows kernels.
import poolWindowsWgsl from '../../../shaders/common/pool_windows.wgsl?raw';

export const COMMON_POOL_WINDOWS = poolWindowsWgsl;
