// The judge: LeNet-5 trained by the engine itself to 99% on MNIST's test set (scripts/generative/
// train-judge.ts made its weights, public/models/judge-lenet5.safetensors). It scores a generator's images:
// which digit each one looks like and how surely (scores.ts). It runs on the CPU ops, so the same code
// judges in the worker on any backend, in tests and in the scripts.
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { CpuModel } from '../../model/cpu-model';
import { describeModel } from '../../model/describe';
import { wireSpec } from '../../network/analyze';
import { importWeights } from '../../network/export/weights-file';
import { presetSpec } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import { stateFromSnapshot } from '../load-weights';
import { NORMALISATION } from '../normalisation';
import { DIGITS, softmaxRows } from './scores';

/** Where the page serves the judge's weights (relative to the app's base URL). */
export const JUDGE_PATH = 'models/judge-lenet5.safetensors';
const PIXELS = 784;
const BATCH = 64;

/** The judge's design: the LeNet-5 preset. */
export function judgeSpec(): NetworkSpec {
  return wireSpec(presetSpec('lenet-5'));
}

export class Judge {
  private readonly model: CpuModel;

  constructor(model: CpuModel) {
    this.model = model;
  }

  /** Class probabilities (count × 10) of `count` images with pixels in [0, 1]. */
  classify(images: Float32Array, count = images.length / PIXELS): Float32Array {
    if (images.length < count * PIXELS) throw new Error(`expected ${count} images of ${PIXELS} pixels`);
    const m = this.model;
    const logits = new Float32Array(count * DIGITS);
    for (let start = 0; start < count; start += BATCH) {
      const n = Math.min(BATCH, count - start);
      for (let i = 0; i < n * PIXELS; i++) {
        m.input[i] = (images[start * PIXELS + i] - NORMALISATION.mean) / NORMALISATION.std;
      }
      const out = m.forward(false);
      logits.set(out.subarray(0, n * DIGITS), start * DIGITS);
    }
    return softmaxRows(logits);
  }
}

/** The judge from its safetensors file; a file that does not fit LeNet-5 is refused with its problems. */
export function loadJudge(bytes: Uint8Array, ops: CpuOps = referenceOps): Judge {
  const spec = judgeSpec();
  const imported = importWeights(spec, bytes);
  if (!imported.ok) throw new Error(`the judge's weights do not fit LeNet-5: ${imported.error}`);
  const desc = describeModel(spec.input.shape, spec.layers);
  const layers = imported.weights.map((w) => ({ ...w, kind: spec.layers[w.layerIndex].kind }));
  const state = stateFromSnapshot(desc, layers);
  const sgd = { kind: 'sgd' as const, lr: 0, momentum: 0, nesterov: false, weightDecay: 0 };
  const model = new CpuModel(desc, BATCH, sgd, 0, { ops });
  model.params.set(state.params);
  model.buffers.set(state.buffers);
  return new Judge(model);
}
