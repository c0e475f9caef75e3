// Shared WGSL helpers from shaders/common/, prepended to kernels that list them.
import hashWgsl from '../../../shaders/common/hash.wgsl?raw';
import indexWgsl from '../../../shaders/common/index.wgsl?raw';
import lanesWgsl from '../../../shaders/common/lanes.wgsl?raw';

export const COMMON_INDEX = indexWgsl;

/** live_lanes: which lanes of a vec4 over a flat array hold elements (masks the padded tail). */
export const COMMON_LANES = lanesWgsl;

/** pcg3d_x (a counter-based hash) and normal_noise (Box-Muller on it): noise as a pure function of (i, step, seed). */
export const COMMON_HASH = hashWgsl;
