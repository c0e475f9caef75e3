import source from '../../../shaders/activation_backward_vec4.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { activationBackwardSpec } from './activation_backward';

/** activation_backward for sizes that are a multiple of 4: one vec4 per thread, the same bindings. */
export const activationBackwardVec4Spec: KernelSpec = {
  ...activationBackwardSpec,
  name: 'activation_backward_vec4',
  source,
};
