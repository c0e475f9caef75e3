// From the page's spec to a dense engine on the current backend: checked like every spec (wired, analysed),
// then the task's own needs: its loss, the scene settings and the head's stride.
import type { SceneOptions } from '../../data/scenes';
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { initialState } from '../../model/init';
import { DEFAULT_BACKGROUND_WEIGHT, validateHyper, type Hyperparams } from '../../network/hyper';
import { detectionStride, isDenseTask, type DenseTask } from '../../network/dense';
import type { NetworkSpec } from '../../network/spec';
import type { TrainerBackend } from '../backend';
import { deriveSeed, Prng } from '../prng';
import { SEED_STREAM } from '../schedule';
import { describeFor } from '../generative/build';
import type { GpuBackend } from '../gpu-backend';
import { optimizerSettings } from '../optimizer-settings';
import type { DenseLayout } from './batches';
import { CpuDenseEngine } from './cpu-engine';
import type { DenseEngine } from './engine';

export interface BuiltDense {
  engine: DenseEngine;
  layout: DenseLayout;
  scene: SceneOptions;
  /** Input pixels per head cell (detection; 1 for segmentation). */
  stride: number;
}

/** The spec's scene settings with its side, as the scene generator takes them. */
export function sceneOptionsOf(spec: NetworkSpec): SceneOptions {
  if (!spec.scene || spec.input.shape.length !== 3) throw new Error(`a ${spec.task} network reads scenes`);
  return { size: spec.input.shape[1], ...spec.scene };
}

/**
 * The GPU engine is imported only when the backend is WebGPU, so a browser without WebGPU (whose
 * GPUBufferUsage is undefined) never evaluates GPU modules.
 */
export async function buildDense(
  backend: TrainerBackend,
  spec: NetworkSpec,
  hyper: Hyperparams,
  /** The CPU kernels for a CPU backend (the trainer's current kind; default the reference TypeScript). */
  cpuOps: () => Promise<CpuOps> = async () => referenceOps,
): Promise<BuiltDense> {
  const task = spec.task;
  if (!isDenseTask(task))
    throw new Error(`expected a segmentation or detection network, this spec's task is '${task}'`);
  const problem = validateHyper(hyper, task).find((i) => i.severity === 'error');
  if (problem) throw new Error(`hyperparameters refused: ${problem.message}`);
  const { spec: wired, desc } = describeFor(spec, task as DenseTask, hyper.batchSize);
  const scene = sceneOptionsOf(wired);
  const grid = desc.outputShape[1];
  const stride = task === 'detection' ? detectionStride(scene.size, desc.outputShape)! : 1;
  const options = {
    task,
    batch: hyper.batchSize,
    seed: hyper.seed,
    optimizer: optimizerSettings(hyper),
    backgroundWeight: hyper.backgroundWeight ?? DEFAULT_BACKGROUND_WEIGHT,
    stride,
  };
  const engine: DenseEngine =
    backend.kind === 'webgpu'
      ? new (await import('./gpu-engine')).GpuDenseEngine((backend as GpuBackend).device, desc, options)
      : new CpuDenseEngine(desc, options, await cpuOps());
  const prng = new Prng(deriveSeed(hyper.seed, SEED_STREAM.init));
  engine.writeState(initialState(desc, () => prng.next()));
  return { engine, layout: { task, side: scene.size, grid }, scene, stride };
}
