// Weights from outside (an imported project or .safetensors file) into the flat arrays a backend holds,
// and the one way back out: a flat state (or one image's activations) as named, shaped layer snapshots.
// Every tensor of the model must be given exactly once with its shape and finite values; any mismatch
// throws a message naming the tensor before anything is written, so a refused load changes nothing.
import type { LayerPlan, ModelDescription } from '../model/describe';
import type { ModelState } from './backend';
import type { LayerSnapshot, TensorSnapshot } from './snapshot';

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** The model state holding `layers`' tensors; throws naming the first tensor that does not fit. */
export function stateFromSnapshot(desc: ModelDescription, layers: readonly LayerSnapshot[]): ModelState {
  const params = new Float32Array(desc.paramFloats);
  const buffers = new Float32Array(desc.bufferFloats);
  const given = new Map<number, LayerSnapshot>();
  for (const layer of layers) {
    const plan = desc.layers[layer.layerIndex];
    if (!plan)
      throw new Error(
        `the weights name layer ${layer.layerIndex + 1}, but the network has ${desc.layers.length}`,
      );
    if (given.has(layer.layerIndex)) throw new Error(`the weights give layer ${layer.layerIndex + 1} twice`);
    given.set(layer.layerIndex, layer);
  }
  desc.layers.forEach((plan, layerIndex) => {
    const where = (name: string) => `layer ${layerIndex + 1} (${plan.layer.kind}) ${name}`;
    const tensors = given.get(layerIndex)?.tensors ?? [];
    const expected = [
      ...plan.params.map((t) => ({ t, into: params })),
      ...plan.buffers.map((t) => ({ t, into: buffers })),
    ];
    for (const { t, into } of expected) {
      const found = tensors.find((x) => x.name === t.name);
      if (!found) throw new Error(`the weights have no ${where(t.name)} [${t.shape}]`);
      if (!sameShape(found.shape, t.shape) || found.data.length !== t.size)
        throw new Error(`${where(t.name)} has shape [${found.shape}] but the network needs [${t.shape}]`);
      if (!found.data.every(Number.isFinite))
        throw new Error(`${where(t.name)} holds NaN or infinite values`);
      into.set(found.data, t.offset);
    }
    const extra = tensors.find((x) => !expected.some(({ t }) => t.name === x.name));
    if (extra) throw new Error(`the weights give ${where(extra.name)}, which the network does not have`);
  });
  return { params, buffers };
}

/** The inverse of stateFromSnapshot: every layer's parameters and buffers as named, shaped copies. */
export function snapshotFromState(desc: ModelDescription, state: ModelState): LayerSnapshot[] {
  return desc.layers.flatMap((plan, layerIndex) => {
    const tensors = layerTensors(plan, state);
    return tensors.length ? [{ layerIndex, kind: plan.layer.kind, tensors }] : [];
  });
}

/** One layer's parameters, then its buffers, copied out of a flat state. */
export function layerTensors(plan: LayerPlan, state: ModelState): TensorSnapshot[] {
  return [
    ...plan.params.map((t) => ({ t, from: state.params })),
    ...plan.buffers.map((t) => ({ t, from: state.buffers })),
  ].map(({ t, from }) => ({
    name: t.name,
    shape: [...t.shape],
    data: from.slice(t.offset, t.offset + t.size),
  }));
}

/** Every layer's output (one image's, in layer order) as the `snapshot` event carries activations. */
export function activationSnapshots(desc: ModelDescription, outputs: Float32Array[]): LayerSnapshot[] {
  return outputs.map((data, layerIndex) => ({
    layerIndex,
    kind: desc.layers[layerIndex].layer.kind,
    tensors: [{ name: 'output', shape: [...desc.layers[layerIndex].outShape], data }],
  }));
}
