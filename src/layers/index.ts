// Public face of the layer registry (definitions only: no kernels). GPU and CPU plans: ./plans.
export * from './registry';
export type * from './core/types';
export * from './core/issues';
export { SPEC_LIMITS, RULES, describeRule, inRange, valueProblem, type ParamRule } from './core/params';
export type { Formula } from './core/formula';
export { ANIMATION_STYLES, type AnimationStyle } from './core/animation';
export { mathText, type MNode } from './core/math';
export { guessImageShape } from './core/shape-rules';
export { formulaOf } from './explain';
