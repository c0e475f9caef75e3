// Small builders shared by the checks: how a layer is named in messages, fixes, deterministic fix ids.
import type { SpecFix, SpecIssue } from './issues';
import type { Layer, LayerKind, NetworkSpec } from './spec';
import { defaultLayer, formatShape } from './spec';

/** "layer 3 (Conv2d)": 1-based, as users count. */
export function layerName(index: number, layer: Layer): string {
  return `layer ${index + 1} (${layer.kind})`;
}

export function layerIssue(
  index: number,
  layer: Layer,
  severity: SpecIssue['severity'],
  message: string,
  fix?: SpecFix,
): SpecIssue {
  return fix
    ? { layerIndex: index, layerId: layer.id, severity, message, fix }
    : { layerIndex: index, layerId: layer.id, severity, message };
}

export function networkIssue(severity: SpecIssue['severity'], message: string, fix?: SpecFix): SpecIssue {
  return fix
    ? { layerIndex: null, layerId: null, severity, message, fix }
    : { layerIndex: null, layerId: null, severity, message };
}

export function setFix(
  layer: Layer,
  param: string,
  value: number | boolean | [number, number, number],
): SpecFix {
  const shown = Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
  return { label: `Set ${param} = ${shown}`, action: { type: 'set', layerId: layer.id, param, value } };
}

export function removeFix(layer: Layer): SpecFix {
  return { label: `Remove ${layer.kind}`, action: { type: 'remove', layerId: layer.id } };
}

/** A fresh layer for a fix, with an id derived from the spec so repeated analyses give equal fixes. */
export function fixLayer<K extends LayerKind>(
  spec: NetworkSpec,
  kind: K,
  index: number,
): ReturnType<typeof defaultLayer<K>> {
  const taken = new Set(spec.layers.map((l) => l.id));
  const base = `${kind.toLowerCase()}-${index + 1}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return defaultLayer(kind, id);
}

export function insertFix(index: number, layer: Layer, what?: string): SpecFix {
  return { label: `Insert ${what ?? layer.kind}`, action: { type: 'insert', index, layer } };
}

/** "400 flat values" or "a 16×5×5 image" for messages. */
export function describeShape(shape: readonly number[]): string {
  return shape.length === 1 ? `${shape[0]} flat values` : `a ${formatShape(shape)} image`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const PASS_THROUGH = new Set<LayerKind>(['ReLU', 'LeakyReLU', 'Sigmoid', 'Tanh', 'Dropout', 'BatchNorm2d']);

/** The nearest layer before `index` that sets the shape (skipping activations, Dropout, BatchNorm2d). */
export function shapeSource(spec: NetworkSpec, index: number): { index: number; layer: Layer } | null {
  for (let i = index - 1; i >= 0; i--) {
    if (!PASS_THROUGH.has(spec.layers[i].kind)) return { index: i, layer: spec.layers[i] };
  }
  return null;
}

/** A plausible [C, H, W] for n flat values: the shape before the last Flatten, else the fewest channels
 *  whose square side is at most 28. */
export function guessImageShape(
  n: number,
  beforeFlatten: readonly number[] | null,
): [number, number, number] | null {
  if (
    beforeFlatten &&
    beforeFlatten.length === 3 &&
    beforeFlatten[0] * beforeFlatten[1] * beforeFlatten[2] === n
  ) {
    return [beforeFlatten[0], beforeFlatten[1], beforeFlatten[2]];
  }
  for (let c = 1; c <= Math.min(n, 4096); c++) {
    if (n % c !== 0) continue;
    const side = Math.round(Math.sqrt(n / c));
    if (side * side === n / c && side <= 28) return [c, side, side];
  }
  return null;
}
