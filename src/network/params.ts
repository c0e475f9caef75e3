// The ranges of layer parameters (each kind's definition holds its own; see src/layers/core/params.ts),
// by kind for the builder's fields and the parser.
import { definitionOf, LAYER_KINDS, type LayerKind, type ParamRule } from '../layers';

export { SPEC_LIMITS, describeRule, inRange, type ParamRule } from '../layers';

export const PARAM_RULES: Record<LayerKind, Record<string, ParamRule>> = Object.fromEntries(
  LAYER_KINDS.map((kind) => [
    kind,
    Object.fromEntries(Object.entries(definitionOf(kind).params).map(([name, spec]) => [name, spec.rule])),
  ]),
) as Record<LayerKind, Record<string, ParamRule>>;
