// Small builders shared by the checks: issue wording and fixes (from the layer registry's core), and
// fresh layers with deterministic ids for fixes.
import { tr } from '../i18n';
import { defaultLayer, type LayerData } from '../layers';
import type { LayerKind, NetworkSpec } from './spec';

export {
  describeShape,
  formatShape,
  insertFix,
  layerIssue,
  layerName,
  networkIssue,
  plural,
  removeFix,
  setFix,
  connectFix,
} from '../layers';

/** A task in words: "classification", "segmentation"... (a classification network). */
export const taskName = (task: string): string => tr(`network:task.${task}`);

/** A fresh layer for a fix, with an id derived from the spec so repeated analyses give equal fixes. */
export function fixLayer(
  spec: NetworkSpec,
  kind: LayerKind,
  index: number,
  params: Record<string, unknown> = {},
): LayerData {
  const taken = new Set(spec.layers.map((l) => l.id));
  const base = `${kind.toLowerCase()}-${index + 1}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return { ...(defaultLayer(kind, id) as unknown as LayerData), ...(params as LayerData) };
}
