// How each kind runs (GPU and CPU), by kind: imported by the model builder only, so the page's bundle
// never carries a kernel. Every kind in the registry has an entry (plans.test.ts checks it).
import { avgPool2dPlans } from './avg-pool2d/plans';
import { adaptiveAvgPool2dPlans } from './adaptive-avg-pool2d/plans';
import { addPlans } from './add/plans';
import { concatPlans } from './concat/plans';
import { eluPlans } from './elu/plans';
import { geluPlans } from './gelu/plans';
import { groupNormPlans } from './group-norm/plans';
import { siluPlans } from './silu/plans';
import { softmaxPlans } from './softmax/plans';
import { upsamplePlans } from './upsample/plans';
import { batchNorm2dPlans } from './batch-norm2d/plans';
import { conv2dPlans } from './conv2d/plans';
import { convTranspose2dPlans } from './conv-transpose2d/plans';
import type { LayerPlans } from './core/plan';
import type { LayerData } from './core/types';
import { dropoutPlans } from './dropout/plans';
import { reparameterizePlans } from './reparameterize/plans';
import { flattenPlans } from './flatten/plans';
import { leakyReluPlans } from './leaky-relu/plans';
import { linearPlans } from './linear/plans';
import { maxPool2dPlans } from './max-pool2d/plans';
import type { LayerKind } from './registry';
import { reluPlans } from './relu/plans';
import { sigmoidPlans } from './sigmoid/plans';
import { tanhPlans } from './tanh/plans';
import { unflattenPlans } from './unflatten/plans';

export type * from './core/plan';

const PLANS: Record<LayerKind, LayerPlans<never>> = {
  Conv2d: conv2dPlans,
  ConvTranspose2d: convTranspose2dPlans,
  MaxPool2d: maxPool2dPlans,
  AvgPool2d: avgPool2dPlans,
  Linear: linearPlans,
  Flatten: flattenPlans,
  Unflatten: unflattenPlans,
  ReLU: reluPlans,
  LeakyReLU: leakyReluPlans,
  Sigmoid: sigmoidPlans,
  Tanh: tanhPlans,
  BatchNorm2d: batchNorm2dPlans,
  Dropout: dropoutPlans,
  Reparameterize: reparameterizePlans,
  Add: addPlans,
  Concat: concatPlans,
  Upsample: upsamplePlans,
  AdaptiveAvgPool2d: adaptiveAvgPool2dPlans,
  GELU: geluPlans,
  SiLU: siluPlans,
  ELU: eluPlans,
  Softmax: softmaxPlans,
  GroupNorm: groupNormPlans,
};

/** The GPU and CPU plans of a kind. */
export function plansOf(kind: string): LayerPlans<LayerData> {
  const plans = (PLANS as Record<string, LayerPlans<never> | undefined>)[kind];
  if (!plans) throw new Error(`no engine plans for layer kind ${JSON.stringify(kind.slice(0, 40))}`);
  return plans as unknown as LayerPlans<LayerData>;
}
