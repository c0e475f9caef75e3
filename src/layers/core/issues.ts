// Problems found in a design, and their fixes as data: the UI shows `label` on a button and the network
// module applies `action`. Layers are plain data here (LayerData) so this file imports no definition.
import type { LayerData, ParamValue } from './layer-data';

export type Severity = 'error' | 'warning';

/** A machine-readable edit of a design. */
export type SpecAction =
  /** Insert at `index`; with `before`, the new layer also takes over that layer's first input. */
  | { type: 'insert'; index: number; layer: LayerData; before?: string }
  | { type: 'set'; layerId: string; param: string; value: ParamValue }
  | { type: 'remove'; layerId: string }
  /** Set which layers a layer reads ('input' is the network's input); null: the previous layer. */
  | { type: 'connect'; layerId: string; inputs: string[] | null }
  /** Put the layers in this order (ids), e.g. so that every layer comes after the layers it reads. */
  | { type: 'reorder'; order: string[] };

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

/** "layer 3 (Conv2d)": 1-based, as users count. */
export function layerName(index: number, layer: Pick<LayerData, 'kind'>): string {
  return `layer ${index + 1} (${layer.kind})`;
}

export function layerIssue(
  index: number,
  layer: Pick<LayerData, 'id'>,
  severity: Severity,
  message: string,
  fix?: SpecFix,
): SpecIssue {
  return fix
    ? { layerIndex: index, layerId: layer.id, severity, message, fix }
    : { layerIndex: index, layerId: layer.id, severity, message };
}

export function networkIssue(severity: Severity, message: string, fix?: SpecFix): SpecIssue {
  return fix
    ? { layerIndex: null, layerId: null, severity, message, fix }
    : { layerIndex: null, layerId: null, severity, message };
}

export function setFix(layer: Pick<LayerData, 'id'>, param: string, value: ParamValue): SpecFix {
  const shown = Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
  return { label: `Set ${param} = ${shown}`, action: { type: 'set', layerId: layer.id, param, value } };
}

export function removeFix(layer: Pick<LayerData, 'id' | 'kind'>): SpecFix {
  return { label: `Remove ${layer.kind}`, action: { type: 'remove', layerId: layer.id } };
}

export function insertFix(index: number, layer: LayerData, what?: string): SpecFix {
  return { label: `Insert ${what ?? layer.kind}`, action: { type: 'insert', index, layer } };
}

export function connectFix(layer: Pick<LayerData, 'id'>, inputs: string[] | null, label: string): SpecFix {
  return { label, action: { type: 'connect', layerId: layer.id, inputs } };
}

/** "400 flat values" or "a 16×5×5 image" for messages. */
export function describeShape(shape: readonly number[]): string {
  return shape.length === 1 ? `${shape[0]} flat values` : `a ${shape.join('×')} image`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "6×14×14" */
export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}
