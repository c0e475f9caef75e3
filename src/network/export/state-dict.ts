// PyTorch state_dict names for a spec. The exported nn.Module keeps each layer in an attribute named by
// kind and a per-kind counter (conv1, conv2, bn1, pool1, fc1, ...), so keys read like a hand-written
// model: conv1.weight, bn1.running_mean, fc2.bias. BatchNorm's int64 num_batches_tracked is left out:
// the playground keeps no batch counter and PyTorch reads it only when momentum is None, so the files stay
// pure F32 (model.py's load_weights accepts its absence; imports skip it when present).
import { definitionOf, type LayerData } from '../../layers';
import { wireSpec } from '../analyze';
import type { Layer, NetworkSpec } from '../spec';

/** A tensor's name within its module: weight, bias, running_mean, running_var. */
export type TensorRole = string;

export interface StateDictEntry {
  /** e.g. 'conv1.weight' */
  key: string;
  /** The module attribute, e.g. 'conv1'. */
  attribute: string;
  role: TensorRole;
  shape: number[];
  /** How PyTorch initialises it: U(±1/√fan_in), or a constant (norm scales and shifts, statistics). */
  init: 'uniform' | 'ones' | 'zeros';
  layerId: string;
  layerIndex: number;
}

/** One layer's tensors by PyTorch name, shaped like the trainer's weight snapshots (LayerSnapshot). */
export interface LayerTensors {
  layerIndex: number;
  tensors: { name: string; shape: number[]; data: Float32Array }[];
}

/** The attribute name of every layer, in order: its kind's prefix and its 1-based count so far. */
export function moduleNames(layers: readonly Layer[]): string[] {
  const counts = new Map<string, number>();
  return layers.map((layer) => {
    const prefix = definitionOf(layer.kind).python.prefix;
    const n = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, n);
    return `${prefix}${n}`;
  });
}

/** The tensors a layer owns, in PyTorch's state_dict order, with PyTorch's shapes. */
export function layerTensorShapes(
  layer: Layer,
): { role: TensorRole; shape: number[]; init: StateDictEntry['init'] }[] {
  const tensors = definitionOf(layer.kind).tensors?.(layer as unknown as LayerData) ?? [];
  return tensors.map((t) => ({ role: t.name, shape: t.shape, init: t.init }));
}

/** Every state_dict key of a spec, in module order (autoWired sizes filled in first). */
export function stateDictLayout(spec: NetworkSpec): StateDictEntry[] {
  const wired = wireSpec(spec);
  const names = moduleNames(wired.layers);
  return wired.layers.flatMap((layer, layerIndex) =>
    layerTensorShapes(layer).map(({ role, shape, init }) => ({
      key: `${names[layerIndex]}.${role}`,
      attribute: names[layerIndex],
      role,
      shape,
      init,
      layerId: layer.id,
      layerIndex,
    })),
  );
}

/** Keys PyTorch writes that the playground does not use; skipped on import. */
export function isIgnoredKey(key: string): boolean {
  return key.endsWith('.num_batches_tracked');
}

export type ImportResult =
  { ok: true; weights: LayerTensors[] } | { ok: false; error: string; problems: string[] };

const MAX_LISTED = 5;

/**
 * Matches loaded tensors to a spec's state_dict by name and shape. Every problem is collected (missing
 * key, wrong shape, unexpected key) and the error names the first few; nothing is returned partially.
 */
export function mapImportedTensors(
  spec: NetworkSpec,
  tensors: ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>,
): ImportResult {
  const layout = stateDictLayout(spec);
  const problems: string[] = [];
  const byLayer = new Map<number, LayerTensors>();
  for (const entry of layout) {
    const found = tensors.get(entry.key);
    if (!found) {
      problems.push(`missing tensor "${entry.key}" (shape [${entry.shape}])`);
      continue;
    }
    if (!sameShape(found.shape, entry.shape)) {
      problems.push(
        `tensor "${entry.key}" has shape [${found.shape}] but this design needs [${entry.shape}]`,
      );
      continue;
    }
    if (entry.role === 'running_var') {
      const at = found.data.findIndex((v) => v < 0);
      if (at >= 0) {
        problems.push(
          `tensor "${entry.key}" holds a negative variance (${found.data[at]} at index ${at}); a variance is never below zero`,
        );
        continue;
      }
    }
    const layer = byLayer.get(entry.layerIndex) ?? { layerIndex: entry.layerIndex, tensors: [] };
    layer.tensors.push({ name: entry.role, shape: [...entry.shape], data: found.data });
    byLayer.set(entry.layerIndex, layer);
  }
  const expected = new Set(layout.map((e) => e.key));
  for (const key of tensors.keys()) {
    if (!expected.has(key) && !isIgnoredKey(key))
      problems.push(`unexpected tensor "${key}" not in this design`);
  }
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
    return { ok: false, error: problems.slice(0, MAX_LISTED).join('; ') + more, problems };
  }
  return { ok: true, weights: [...byLayer.values()] };
}

/** The state_dict tensors of a spec taken from per-layer weights; throws if one is absent or misshapen. */
export function stateDictTensors(
  spec: NetworkSpec,
  weights: readonly LayerTensors[],
): { name: string; shape: number[]; data: Float32Array }[] {
  return stateDictLayout(spec).map((entry) => {
    const layer = weights.find((w) => w.layerIndex === entry.layerIndex);
    const tensor = layer?.tensors.find((t) => t.name === entry.role);
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (!tensor || tensor.data.length !== size) {
      throw new Error(`no ${size}-value "${entry.role}" for layer ${entry.layerIndex + 1} (${entry.key})`);
    }
    return { name: entry.key, shape: entry.shape, data: tensor.data };
  });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
