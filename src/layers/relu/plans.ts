import { activationPlans } from '../core/activation-plans';
import type { ReLULayer } from './definition';

export const reluPlans = activationPlans<ReLULayer>(() => 'relu');
