// Pure edits of a spec's layer list, as the builder performs them. Each returns a new spec.
import type { ParamValue } from '../../layers';
import { removeLayer as removeFromGraph } from '../../network/graph-edits';
import { applyFix } from '../../network/issues';
import { defaultLayer, newLayerId, type Layer, type LayerKind, type NetworkSpec } from '../../network/spec';

export type { ParamValue };

const clampIndex = (index: number, length: number) => Math.max(0, Math.min(index, length));

export function insertLayer(spec: NetworkSpec, kind: LayerKind, index: number): NetworkSpec {
  const layers = [...spec.layers];
  layers.splice(clampIndex(index, layers.length), 0, defaultLayer(kind));
  return { ...spec, layers };
}

export function moveLayer(spec: NetworkSpec, from: number, to: number): NetworkSpec {
  if (from === to || from < 0 || from >= spec.layers.length) return spec;
  const layers = [...spec.layers];
  const [moved] = layers.splice(from, 1);
  layers.splice(clampIndex(to, layers.length), 0, moved);
  return { ...spec, layers };
}

/** Removes a layer; layers that read it read what it read instead (see network/graph-edits). */
export function removeLayer(spec: NetworkSpec, id: string): NetworkSpec {
  return removeFromGraph(spec, id);
}

/** Sets which layers a layer reads (ids; 'input' is the network's input), or null for the previous one. */
export function setLayerInputs(spec: NetworkSpec, id: string, inputs: string[] | null): NetworkSpec {
  return applyFix(spec, { label: '', action: { type: 'connect', layerId: id, inputs } });
}

/** A copy with a fresh id right after the original. */
export function duplicateLayer(spec: NetworkSpec, id: string): NetworkSpec {
  const index = spec.layers.findIndex((l) => l.id === id);
  if (index < 0) return spec;
  const copy = { ...structuredClone(spec.layers[index]), id: newLayerId() } as Layer;
  const layers = [...spec.layers];
  layers.splice(index + 1, 0, copy);
  return { ...spec, layers };
}

/** Sets one parameter the layer already has; anything else leaves the spec unchanged. */
export function setLayerParam(spec: NetworkSpec, id: string, param: string, value: ParamValue): NetworkSpec {
  if (param === 'kind' || param === 'id') return spec;
  return {
    ...spec,
    layers: spec.layers.map((l) => (l.id === id && param in l ? ({ ...l, [param]: value } as Layer) : l)),
  };
}
