// Problems found in a spec, and fixes as data (types from the layer registry's core): the UI shows
// `label` on a button and calls applyFix, which edits the design as a graph.
import type { SpecFix } from '../layers';
import { insertLayer, removeLayer, reorderLayers } from './graph-edits';
import type { Layer, NetworkSpec } from './spec';

export type { Severity, SpecAction, SpecFix, SpecIssue } from '../layers';

/** Apply a fix, returning a new spec (the input is not modified). Unknown layer ids leave it unchanged. */
export function applyFix(spec: NetworkSpec, fix: SpecFix): NetworkSpec {
  const action = fix.action;
  switch (action.type) {
    case 'insert':
      return insertLayer(spec, action.index, action.layer as unknown as Layer, action.before);
    case 'set':
      return {
        ...spec,
        layers: spec.layers.map((l) =>
          l.id === action.layerId && action.param in l
            ? ({ ...l, [action.param]: action.value } as Layer)
            : l,
        ),
      };
    case 'remove':
      return removeLayer(spec, action.layerId);
    case 'connect':
      return {
        ...spec,
        layers: spec.layers.map((l) => {
          if (l.id !== action.layerId) return l;
          const { inputs: _old, ...rest } = l;
          return (action.inputs === null ? rest : { ...rest, inputs: [...action.inputs] }) as Layer;
        }),
      };
    case 'reorder':
      return reorderLayers(spec, action.order);
  }
}
