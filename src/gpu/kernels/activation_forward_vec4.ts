import source from '../../../shaders/activation_forward_vec4.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { activationForwardSpec } from './activation_forward';

/** activation_forward for sizes that are a multiple of 4: one vec4 per thread, the same bindings. */
export const activationForwardVec4Spec: KernelSpec = {
  ...activationForwardSpec,
  name: 'activation_forward_vec4',
  source,
};
