// Shared WGSL helpers from shaders/common/, prepended to kernels that list them.
import indexWgsl from '../../../shaders/common/index.wgsl?raw';
import lanesWgsl from '../../../shaders/common/lanes.wgsl?raw';

export const COMMON_INDEX = indexWgsl;

/** live_lanes: which lanes of a vec4 over a flat array hold elements (masks the padded tail). */
export const COMMON_LANES = lanesWgsl;
