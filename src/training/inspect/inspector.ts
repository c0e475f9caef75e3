// The worker side of the inspect views: answers inspect queries (saliency, replay frames, per-layer time,
// one layer's inputs and outputs) and records the replay history as training steps are taken. TrainerCore
// owns one and forwards to it.
import type { ModelState } from '../backend';
import type { TrainerCore } from '../core';
import { normalise } from '../normalisation';
import type { LayerPlan } from '../../model/describe';
import type { LayerSnapshot, TensorSnapshot } from '../protocol';
import { OneImageModel } from './cpu-inspect';
import { ReplayHistory } from './replay';
import type { InspectQuery, InspectResult } from './types';

export class Inspector {
  readonly history = new ReplayHistory<ModelState>();
  private readonly oneImage = new OneImageModel(() => this.core.selector.cpuOps());

  constructor(private readonly core: TrainerCore) {}

  /** Forgets the history (a new design, or a reset to step 0). */
  clear(): void {
    this.history.clear();
  }

  /** Called after each optimizer step: copies the weights when the history's schedule wants this step. */
  afterStep(): void {
    const { core, history } = this;
    const backend = core.backend;
    const desc = core.desc;
    if (!backend || !desc) return;
    const bytes = (desc.paramFloats + desc.bufferFloats) * 4;
    if (!history.fits(bytes)) return;
    const epoch = core.schedule?.epoch ?? 0;
    if (history.length === 0 && core.lastGood?.step === 0 && core.step === 1) {
      history.add({ step: 0, epoch: 0, epochEnd: false, bytes, state: core.lastGood.state });
    }
    const step = core.step;
    if (!history.wants(step, Boolean(core.schedule?.epochEnded))) return;
    const epochEnd = Boolean(core.schedule?.epochEnded);
    // The copy is queued right after the step; the loop does not wait for it.
    void backend.readState().then(
      (state) => desc === core.desc && history.add({ step, epoch, epochEnd, bytes, state }),
      () => undefined,
    );
  }

  async answer(query: InspectQuery): Promise<InspectResult> {
    const { core } = this;
    const backend = core.backend;
    const desc = core.desc;
    if (!backend || !desc) throw new Error('there is no network to inspect: set a spec first');
    switch (query.kind) {
      case 'saliency': {
        const image = query.image ?? this.testImage();
        const { logits, gradients } = await backend.inputGradients(normalise(image));
        return { kind: 'saliency', image, logits, gradients };
      }
      case 'replayList':
        return {
          kind: 'replayList',
          entries: this.history.entries,
          bytes: this.history.bytes,
          bounds: this.history.bounds,
        };
      case 'replayFrame': {
        const { state, ...entry } = this.history.at(query.index);
        const image = normalise(query.image ?? this.testImage());
        const outputs = await this.oneImage.activations(desc, state, image);
        return {
          kind: 'replayFrame',
          entry,
          weights: weightSnapshots(core, state),
          activations: outputs.map((data, layerIndex) => ({
            layerIndex,
            kind: desc.layers[layerIndex].layer.kind,
            tensors: [{ name: 'output', shape: [...desc.layers[layerIndex].outShape], data }],
          })),
        };
      }
      case 'layer': {
        const image = query.image ?? this.testImage();
        const index = query.layerIndex;
        const plan = desc.layers[index];
        if (!plan)
          throw new Error(`layer ${index + 1} is not in the network of ${desc.layers.length} layers`);
        const state = await backend.readState();
        const step = core.step;
        const one = await this.oneImage.layer(desc, state, normalise(image), index, core.hyper.seed, step);
        const tensor = (name: string, shape: readonly number[], data: Float32Array) => ({
          name,
          shape: [...shape],
          data,
        });
        return {
          kind: 'layer',
          layerIndex: index,
          layerKind: plan.layer.kind,
          image,
          step,
          inputs: one.inputs.map((data, k) => tensor(`input${k}`, plan.inShapes[k], data)),
          output: tensor('output', plan.outShape, one.output),
          trainOutput: tensor('output', plan.outShape, one.trainOutput),
          tensors: tensorsOf(plan, state),
        };
      }
      case 'layerTimes': {
        if (!backend.layerTimes) throw new Error('per-layer GPU time needs the WebGPU backend');
        const { method, layers } = await backend.layerTimes();
        return { kind: 'layerTimes', method, batch: core.hyper.batchSize, layers };
      }
    }
  }

  private testImage(): Float32Array {
    const { pixels, test } = this.core.data;
    if (test.available === 0)
      throw new Error('the test set is not loaded yet: send an image or load the dataset');
    return Float32Array.from(test.images.subarray(0, pixels), (v) => v / 255);
  }
}

/** Every layer's parameters and buffers from a flat state, as the `snapshot` event carries them. */
export function weightSnapshots(core: TrainerCore, state: ModelState): LayerSnapshot[] {
  return core.desc!.layers.flatMap((plan, layerIndex) => {
    const tensors = tensorsOf(plan, state);
    return tensors.length ? [{ layerIndex, kind: plan.layer.kind, tensors }] : [];
  });
}

/** One layer's parameters, then its buffers, copied out of a flat state. */
function tensorsOf(plan: LayerPlan, state: ModelState): TensorSnapshot[] {
  return [
    ...plan.params.map((t) => ({ t, from: state.params })),
    ...plan.buffers.map((t) => ({ t, from: state.buffers })),
  ].map(({ t, from }) => ({
    name: t.name,
    shape: [...t.shape],
    data: from.slice(t.offset, t.offset + t.size),
  }));
}
