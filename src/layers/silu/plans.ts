import { activationPlans } from '../core/activation-plans';
import type { SiLULayer } from './definition';

export const siluPlans = activationPlans<SiLULayer>(() => 'silu');
