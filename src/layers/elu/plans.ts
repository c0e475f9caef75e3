import { activationPlans } from '../core/activation-plans';
import type { ELULayer } from './definition';

export const eluPlans = activationPlans<ELULayer>(
  () => 'elu',
  (layer) => ({ alpha: layer.alpha }),
);
