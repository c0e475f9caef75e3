// Test-only: a design's inference pass on the playground's own CPU backend (engine/model CpuModel), with
// weights given per layer by PyTorch name and copied into the model's flat parameter and buffer arrays.
import { CpuModel } from '../../../engine/model/cpu-model';
import { describeModel } from '../../../engine/model/describe';
import { wireSpec } from '../../analyze';
import type { LayerKind, NetworkSpec } from '../../spec';
import type { LayerTensors } from '../state-dict';

/** Kinds the CPU backend cannot run yet (cpu-layers.ts throws for them); drop when it gains them. */
const NOT_ON_CPU_BACKEND: readonly LayerKind[] = ['BatchNorm2d', 'Dropout'];

export function runsOnCpuBackend(spec: NetworkSpec): boolean {
  return spec.layers.every((l) => !NOT_ON_CPU_BACKEND.includes(l.kind));
}

/** Output [batch, ...outputShape] of the design on inputs [batch, ...inputShape], in eval mode. */
export function playgroundForward(
  spec: NetworkSpec,
  weights: readonly LayerTensors[],
  input: Float32Array,
  batch: number,
): Float32Array {
  const wired = wireSpec(spec);
  const desc = describeModel(wired.input.shape, wired.layers);
  const model = new CpuModel(desc, batch, { kind: 'sgd', lr: 0 });
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
  model.input.set(input);
  return model.forward(false).slice();
}
