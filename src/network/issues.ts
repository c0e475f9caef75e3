// Problems found in a spec, and fixes as data: the UI shows `label` on a button and calls applyFix.
import type { Layer, NetworkSpec } from './spec';

export type Severity = 'error' | 'warning';

/** A machine-readable edit. `set` changes one parameter of one layer (unflattened_size takes a tuple). */
export type SpecAction =
  | { type: 'insert'; index: number; layer: Layer }
  | { type: 'set'; layerId: string; param: string; value: number | boolean | [number, number, number] }
  | { type: 'remove'; layerId: string };

export interface SpecFix {
  /** Button text, e.g. "Insert Flatten" or "Set out_features = 10". */
  label: string;
  action: SpecAction;
}

export interface SpecIssue {
  /** 0-based index into spec.layers; null for whole-network problems. Messages say "layer N" 1-based. */
  layerIndex: number | null;
  layerId: string | null;
  severity: Severity;
  message: string;
  fix?: SpecFix;
}

/** Apply a fix, returning a new spec (the input is not modified). Unknown layer ids leave it unchanged. */
export function applyFix(spec: NetworkSpec, fix: SpecFix): NetworkSpec {
  const action = fix.action;
  switch (action.type) {
    case 'insert': {
      const layers = [...spec.layers];
      layers.splice(Math.max(0, Math.min(action.index, layers.length)), 0, action.layer);
      return { ...spec, layers };
    }
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
      return { ...spec, layers: spec.layers.filter((l) => l.id !== action.layerId) };
  }
}
