// shaders/common/activation.wgsl: the activation functions and derivatives (on vec4) and the uniform
// struct shared by the activation kernels.
import activationWgsl from '../../../shaders/common/activation.wgsl?raw';
import { COMMON_INDEX } from './common';

export const COMMON_ACTIVATION = activationWgsl;

/** The common sources of every activation kernel, in order. */
export const activationCommon = [COMMON_INDEX, COMMON_ACTIVATION];
