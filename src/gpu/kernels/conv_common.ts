// shaders/common/conv.wgsl: the conv geometry uniform struct and bounds helpers shared by conv kernels.
import convWgsl from '../../../shaders/common/conv.wgsl?raw';

export const COMMON_CONV = convWgsl;
