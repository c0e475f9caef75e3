import { activationPlans } from '../core/activation-plans';
import type { SigmoidLayer } from './definition';

export const sigmoidPlans = activationPlans<SigmoidLayer>(() => 'sigmoid');
