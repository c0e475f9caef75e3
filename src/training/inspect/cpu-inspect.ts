// Inspection on a CPU model: input gradients through CpuModel's backward pass (the same contract as
// gpuInputGradients), and a one-image forward at any stored weights for the replay slider.
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { buildAfresh } from '../../engine/wasm/sizing';
import { CpuModel } from '../../model/cpu-model';
import type { ModelDescription } from '../../model/describe';
import { sizeOf } from '../../engine/tensor';
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

/** A batch-1 CPU model for one description, reused while the description stays the same. */
export class OneImageModel {
  private model: CpuModel | null = null;
  private ops: Promise<CpuOps> | null = null;

  /** `cpuOps`: the kernels, asked for on first use and kept. */
  constructor(private readonly cpuOps: () => Promise<CpuOps> = async () => referenceOps) {}

  /** Every layer's output for one normalised image under `state`. */
  async activations(desc: ModelDescription, state: ModelState, image: Float32Array): Promise<Float32Array[]> {
    const ops = await (this.ops ??= this.cpuOps());
    if (this.model?.desc !== desc) {
      this.model = null;
      this.model = buildAfresh(ops, (o) => new CpuModel(desc, 1, { kind: 'sgd', lr: 0 }, 0, { ops: o }));
    }
    const m = this.model;
    m.params.set(state.params);
    m.buffers.set(state.buffers);
    m.input.set(image);
    m.forward(false);
    return m.outputs.map((o) => o.slice());
  }
}
