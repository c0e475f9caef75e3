import { activationPlans } from '../core/activation-plans';
import type { GELULayer } from './definition';

export const geluPlans = activationPlans<GELULayer>((layer) =>
  layer.approximate === 'tanh' ? 'gelu_tanh' : 'gelu',
);
