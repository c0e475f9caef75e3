// Words for the builder, from the layer registry: a one-line explanation of every PyTorch parameter (the
// inspector) and the palette's groups with a one-line description of each kind.
import { definitionOf, LAYER_GROUPS, LAYER_KINDS, type LayerKind } from '../layers';

export { LAYER_GROUPS, type LayerGroup } from '../layers';
export type { LayerGroupId } from '../layers';

/** Each kind's parameter docs, by parameter name. */
export const PARAM_DOCS: Record<LayerKind, Record<string, string>> = Object.fromEntries(
  LAYER_KINDS.map((kind) => [
    kind,
    Object.fromEntries(Object.entries(definitionOf(kind).params).map(([name, spec]) => [name, spec.doc])),
  ]),
) as Record<LayerKind, Record<string, string>>;

/** The palette description of one kind. */
export function describeKind(kind: LayerKind): string {
  for (const group of LAYER_GROUPS) {
    const entry = group.kinds.find((k) => k.kind === kind);
    if (entry) return entry.description;
  }
  return kind;
}
