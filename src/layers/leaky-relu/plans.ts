import { activationPlans } from '../core/activation-plans';
import type { LeakyReLULayer } from './definition';

export const leakyReluPlans = activationPlans<LeakyReLULayer>(
  () => 'leaky_relu',
  (layer) => ({ slope: layer.negative_slope }),
);
