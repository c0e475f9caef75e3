// The worker side of the inspect views: answers inspect queries (saliency, replay frames, per-layer time,
// one layer's inputs and outputs) and records the replay history as training steps are taken. TrainerCore
// owns one and forwards to it.
import type { CpuOps } from '../../engine/cpu-ops';
import type { ModelState } from '../backend';
import { testImage, type CoreState } from '../core-state';
import { activationSnapshots, layerTensors, snapshotFromState } from '../load-weights';
import { normalise } from '../normalisation';
import { OneImageModel } from './cpu-inspect';
import { ReplayHistory } from './replay';
import type { InspectQuery, InspectResult } from './types';

export class Inspector {
  readonly history = new ReplayHistory<ModelState>();
  private readonly oneImage: OneImageModel;

  /** `cpuOps`: the trainer's CPU ops, on which a replay frame or one layer is recomputed. */
  constructor(
    private readonly s: CoreState,
    cpuOps: () => Promise<CpuOps>,
  ) {
    this.oneImage = new OneImageModel(cpuOps);
  }

  /** Forgets the history (a new design, or a reset to step 0). */
  clear(): void {
    this.history.clear();
  }

  /** Called after each optimizer step: copies the weights when the history's schedule wants this step. */
  afterStep(): void {
    const { s, history } = this;
    const backend = s.backend;
    const desc = s.desc;
    if (!backend || !desc) return;
    const bytes = (desc.paramFloats + desc.bufferFloats) * 4;
    if (!history.fits(bytes)) return;
    const epoch = s.schedule?.epoch ?? 0;
    if (history.length === 0 && s.lastGood?.step === 0 && s.step === 1) {
      history.add({ step: 0, epoch: 0, epochEnd: false, bytes, state: s.lastGood.state });
    }
    const step = s.step;
    if (!history.wants(step, Boolean(s.schedule?.epochEnded))) return;
    const epochEnd = Boolean(s.schedule?.epochEnded);
    // The copy is queued right after the step; the loop does not wait for it.
    void backend.readState().then(
      (state) => desc === s.desc && history.add({ step, epoch, epochEnd, bytes, state }),
      () => undefined,
    );
  }

  async answer(query: InspectQuery): Promise<InspectResult> {
    const { s } = this;
    const backend = s.backend;
    const desc = s.desc;
    if (!backend || !desc) throw new Error('there is no network to inspect: set a spec first');
    switch (query.kind) {
      case 'saliency': {
        const image = query.image ?? testImage(this.s, 0);
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
        const image = normalise(query.image ?? testImage(this.s, 0));
        const outputs = await this.oneImage.activations(desc, state, image);
        return {
          kind: 'replayFrame',
          entry,
          weights: snapshotFromState(desc, state),
          activations: activationSnapshots(desc, outputs),
        };
      }
      case 'layer': {
        const image = query.image ?? testImage(this.s, 0);
        const index = query.layerIndex;
        const plan = desc.layers[index];
        if (!plan)
          throw new Error(`layer ${index + 1} is not in the network of ${desc.layers.length} layers`);
        const state = await backend.readState();
        const step = s.step;
        const one = await this.oneImage.layer(desc, state, normalise(image), index, s.hyper.seed, step);
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
          tensors: layerTensors(plan, state),
        };
      }
      case 'layerTimes': {
        if (!backend.layerTimes) throw new Error('per-layer GPU time needs the WebGPU backend');
        const { method, layers } = await backend.layerTimes();
        return { kind: 'layerTimes', method, batch: s.hyper.batchSize, layers };
      }
    }
  }
}
