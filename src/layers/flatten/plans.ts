import type { LayerPlans } from '../core/plan';
import { VIEW_PLANS } from '../core/view-plans';
import type { FlattenLayer } from './definition';

export const flattenPlans: LayerPlans<FlattenLayer> = VIEW_PLANS;
