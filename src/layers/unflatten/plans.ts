import type { LayerPlans } from '../core/plan';
import { VIEW_PLANS } from '../core/view-plans';
import type { UnflattenLayer } from './definition';

export const unflattenPlans: LayerPlans<UnflattenLayer> = VIEW_PLANS;
