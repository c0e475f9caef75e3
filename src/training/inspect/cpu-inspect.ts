// Inspection on a CPU model: input gradients through CpuModel's backward pass (the same contract as
// gpuInputGradients), and a one-image forward at any stored weights for the replay slider and for one
// layer's inputs and outputs (the explanation's animations).
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { buildAfresh } from '../../engine/wasm/sizing';
import { CpuModel } from '../../model/cpu-model';
import type { ModelDescription } from '../../model/describe';
import { sizeOf } from '../../engine/tensor';
import { FROM_INPUT } from '../../layers/core/graph';
import type { ModelState } from '../backend';
import type { InputGradients } from './gpu-inspect';

/** Every class score's gradient with respect to one normalised image, via CpuModel.inputGradient. */
export function cpuInputGradients(model: CpuModel, image: Float32Array): InputGradients {
  const pixels = sizeOf(model.desc.inputShape);
  const classes = sizeOf(model.desc.outputShape);
  if (image.length !== pixels)
    throw new Error(`the image has ${image.length} values, the model takes ${pixels}`);
  const gradients = new Float32Array(classes * pixels);
  let logits: Float32Array = new Float32Array(classes);
  for (let first = 0; first < classes; first += model.batch) {
    const rows = Math.min(model.batch, classes - first);
    model.outputGrad.fill(0);
    for (let r = 0; r < rows; r++) {
      model.input.set(image, r * pixels);
      model.outputGrad[r * classes + first + r] = 1;
    }
    model.inputGradient();
    gradients.set(model.inputGrad.subarray(0, rows * pixels), first * pixels);
    if (first === 0) logits = model.outputs[model.outputs.length - 1].slice(0, classes);
  }
  return { logits, gradients };
}

/** What one layer reads and writes for one image (batch 1), as the explanation's animations show it. */
export interface OneLayerData {
  /** Each input the layer reads, in order (the normalised image for the network's input). */
  inputs: Float32Array[];
  /** Eval-mode output. */
  output: Float32Array;
  /** The same layer's training-mode forward on the same inputs at training step `step`. */
  trainOutput: Float32Array;
}

/** A batch-1 CPU model for one description, reused while the description and seed stay the same. */
export class OneImageModel {
  private model: CpuModel | null = null;
  private seed = 0;
  private ops: Promise<CpuOps> | null = null;

  /** `cpuOps`: the kernels, asked for on first use and kept. */
  constructor(private readonly cpuOps: () => Promise<CpuOps> = async () => referenceOps) {}

  private async ready(
    desc: ModelDescription,
    state: ModelState,
    image: Float32Array,
    seed: number,
  ): Promise<CpuModel> {
    const ops = await (this.ops ??= this.cpuOps());
    if (this.model?.desc !== desc || this.seed !== seed) {
      this.model = null;
      this.model = buildAfresh(ops, (o) => new CpuModel(desc, 1, { kind: 'sgd', lr: 0 }, seed, { ops: o }));
      this.seed = seed;
    }
    const m = this.model;
    m.params.set(state.params);
    m.buffers.set(state.buffers);
    m.input.set(image);
    return m;
  }

  /** Every layer's output for one normalised image under `state`. */
  async activations(desc: ModelDescription, state: ModelState, image: Float32Array): Promise<Float32Array[]> {
    const m = await this.ready(desc, state, image, this.seed);
    m.forward(false);
    return m.outputs.map((o) => o.slice());
  }

  /**
   * Layer `index`'s inputs and output for one normalised image under `state`, and its training-mode output
   * at `step` with dropout seed `seed` (the run's): Dropout's mask and BatchNorm's batch statistics.
   * Running statistics a training forward updates are reset from `state` at the next call.
   */
  async layer(
    desc: ModelDescription,
    state: ModelState,
    image: Float32Array,
    index: number,
    seed: number,
    step: number,
  ): Promise<OneLayerData> {
    const plan = desc.layers[index];
    if (!plan) throw new Error(`layer ${index + 1} is not in the network of ${desc.layers.length} layers`);
    const m = await this.ready(desc, state, image, seed);
    m.forward(false);
    const inputs = plan.inputs.map((s) => (s === FROM_INPUT ? m.input : m.outputs[s]).slice());
    const output = m.outputs[index].slice();
    const trainOutput = m.forwardLayer(index, true, step).slice();
    return { inputs, output, trainOutput };
  }
}
