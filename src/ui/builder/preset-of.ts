// Which preset a design is, if any: the same network whatever its name, dataset or key order.
import { PRESETS, type PresetId } from '../../network';
import type { NetworkSpec } from '../../network/spec';

/** JSON with every object's keys sorted, so a design read back from a file compares equal. */
const canonical = (value: unknown) =>
  JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/** The design's network alone: the name, the dataset (which a preset keeps from the user) and where its
 *  diagram's nodes were put left out. */
const network = (spec: NetworkSpec) =>
  canonical({ ...spec, name: '', input: { ...spec.input, dataset: '' }, layout: undefined });

const PRESET_NETWORKS = new Map(PRESETS.map((p) => [network(p.spec), p.id]));

export function presetOf(spec: NetworkSpec): PresetId | null {
  return PRESET_NETWORKS.get(network(spec)) ?? null;
}
