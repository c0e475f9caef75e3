import { activationPlans } from '../core/activation-plans';
import type { TanhLayer } from './definition';

export const tanhPlans = activationPlans<TanhLayer>(() => 'tanh');
