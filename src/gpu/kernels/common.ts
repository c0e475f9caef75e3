// Shared WGSL helpers from shaders/common/, prepended to kernels that list them.
import indexWgsl from '../../../shaders/common/index.wgsl?raw';

export const COMMON_INDEX = indexWgsl;
