// Words for the builder, from the layer registry: a one-line explanation of every PyTorch parameter (the
// inspector) and the palette's groups with a one-line description of each kind.
import { definitionOf, LAYER_GROUPS, LAYER_KINDS, paramDoc, type LayerKind } from '../layers';

export { LAYER_GROUPS, type LayerGroup } from '../layers';
export type { LayerGroupId } from '../layers';

/** Each kind's parameter docs, by parameter name: getters, so each read is in the current language. */
export const PARAM_DOCS: Record<LayerKind, Record<string, string>> = Object.fromEntries(
  LAYER_KINDS.map((kind) => {
    const docs: Record<string, string> = {};
    for (const name of Object.keys(definitionOf(kind).params))
      Object.defineProperty(docs, name, { enumerable: true, get: () => paramDoc(kind, name) });
    return [kind, docs];
  }),
) as Record<LayerKind, Record<string, string>>;

/** The palette description of one kind. */
export function describeKind(kind: LayerKind): string {
  for (const group of LAYER_GROUPS) {
    const entry = group.kinds.find((k) => k.kind === kind);
    if (entry) return entry.description;
  }
  return kind;
}
