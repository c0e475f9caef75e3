// Test-only: a design's inference pass on the playground's own CPU backend (engine/model CpuModel), with
// weights given per layer by PyTorch name and copied into the model's flat parameter and buffer arrays.
import { CpuModel } from '../../../model/cpu-model';
import { describeModel } from '../../../model/describe';
import { wireSpec } from '../../analyze';
import type { NetworkSpec } from '../../spec';
import type { LayerTensors } from '../state-dict';

function cpuModel(spec: NetworkSpec, weights: readonly LayerTensors[], batch: number, lr = 0): CpuModel {
  const wired = wireSpec(spec);
  const desc = describeModel(wired.input.shape, wired.layers);
  const model = new CpuModel(desc, batch, { kind: 'sgd', lr, momentum: 0.9 }, 1);
  desc.layers.forEach((plan, i) => {
    const given = weights.find((w) => w.layerIndex === i);
    for (const [target, tensors] of [
      [model.params, plan.params],
      [model.buffers, plan.buffers],
    ] as const) {
      for (const t of tensors) {
        const data = given?.tensors.find((u) => u.name === t.name)?.data;
        if (!data || data.length !== t.size)
          throw new Error(`layer ${i + 1} has no ${t.size}-value ${t.name}`);
        target.set(data, t.offset);
      }
    }
  });
  return model;
}

/** Output [batch, ...outputShape] of the design on inputs [batch, ...inputShape], in eval mode. */
export function playgroundForward(
  spec: NetworkSpec,
  weights: readonly LayerTensors[],
  input: Float32Array,
  batch: number,
): Float32Array {
  const model = cpuModel(spec, weights, batch);
  model.input.set(input);
  return model.forward(false).slice();
}

/** A classifier's weights after a few SGD steps of the CPU backend on seeded batches: a trained model. */
export function trainOnCpuBackend(
  spec: NetworkSpec,
  weights: readonly LayerTensors[],
  steps: number,
  random: () => number,
): LayerTensors[] {
  const batch = 4;
  const model = cpuModel(spec, weights, batch, 0.05);
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < model.input.length; i++) model.input[i] = 3 * random() - 1;
    for (let i = 0; i < batch; i++) model.labels[i] = Math.floor(10 * random());
    model.step(s);
  }
  return model.desc.layers
    .map((plan, layerIndex) => ({
      layerIndex,
      tensors: [
        ...plan.params.map((t) => ({ t, from: model.params })),
        ...plan.buffers.map((t) => ({ t, from: model.buffers })),
      ].map(({ t, from }) => ({
        name: t.name,
        shape: t.shape,
        data: from.slice(t.offset, t.offset + t.size),
      })),
    }))
    .filter((layer) => layer.tensors.length > 0);
}
