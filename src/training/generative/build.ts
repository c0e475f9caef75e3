// From the page's specs to generative engines on the current backend: checked like classification specs
// (wired, analysed), then the task-specific checks a generative run needs.
import { referenceOps, type CpuOps } from '../../engine/cpu-ops';
import { describeModel, type ModelDescription } from '../../model/describe';
import { initialState } from '../../model/init';
import { analyzeSpec, wireSpec } from '../../network/analyze';
import { defaultLoss, validateHyper, type Hyperparams } from '../../network/hyper';
import type { NetworkSpec, Task } from '../../network/spec';
import type { HostDataset, TrainerBackend } from '../backend';
import type { GpuBackend } from '../gpu-backend';
import { optimizerSettings } from '../optimizer-settings';
import { deriveSeed, Prng } from '../prng';
import { SEED_STREAM } from '../schedule';
import { CpuAutoencoder } from './cpu-autoencoder';
import { CpuGan } from './cpu-gan';
import type { AutoencoderEngine, GanEngine } from './engine';

export function describeFor(
  spec: NetworkSpec,
  task: Task,
  batchSize: number,
): { spec: NetworkSpec; desc: ModelDescription } {
  if (spec.task !== task) throw new Error(`expected a ${task} network, this spec's task is '${spec.task}'`);
  const wired = spec.autoWire ? wireSpec(spec) : spec;
  const error = analyzeSpec(wired, { batchSize }).issues.find((i) => i.severity === 'error');
  if (error) throw new Error(`the ${task} network cannot be built: ${error.message}`);
  return { spec: wired, desc: describeModel(wired.input.shape, wired.layers) };
}

function checkHyper(hyper: Hyperparams, task: Task): void {
  const problem = validateHyper(hyper, task).find((i) => i.severity === 'error');
  if (problem) throw new Error(`hyperparameters refused: ${problem.message}`);
}

function seeded(seed: number): () => number {
  const prng = new Prng(deriveSeed(seed, SEED_STREAM.init));
  return () => prng.next();
}

export interface BuiltAutoencoder {
  engine: AutoencoderEngine;
  /** Index of the bottleneck layer in the description, and its width. */
  bottleneck: number;
  latentDim: number;
  desc: ModelDescription;
}

/**
 * The GPU engines are imported only when the backend is WebGPU, so a browser without WebGPU (whose
 * GPUBufferUsage is undefined) never evaluates GPU modules.
 */
export async function buildAutoencoder(
  backend: TrainerBackend,
  data: () => HostDataset,
  specIn: NetworkSpec,
  hyper: Hyperparams,
  bottleneckLayerId?: string,
  cpuOps: () => Promise<CpuOps> = async () => referenceOps,
): Promise<BuiltAutoencoder> {
  checkHyper(hyper, 'reconstruction');
  const { spec, desc } = describeFor(specIn, 'reconstruction', hyper.batchSize);
  if (desc.outputShape.join('×') !== desc.inputShape.join('×')) {
    throw new Error(
      `an autoencoder must give back its input's shape ${desc.inputShape.join('×')}, it gives ${desc.outputShape.join('×')}`,
    );
  }
  let bottleneck = spec.layers.findIndex((l) => l.id === bottleneckLayerId);
  if (bottleneck < 0) {
    // Otherwise the narrowest layer output is the code.
    const widths = desc.layers.map((p) => p.outShape.reduce((a, b) => a * b, 1));
    bottleneck = widths.indexOf(Math.min(...widths));
  }
  const options = {
    batch: hyper.batchSize,
    seed: hyper.seed,
    optimizer: optimizerSettings(hyper),
    loss: (hyper.loss ?? defaultLoss('reconstruction')) as 'mse' | 'bce',
  };
  const engine =
    backend.kind === 'webgpu'
      ? new (await import('./gpu-autoencoder')).GpuAutoencoder(
          gpuOf(backend).device,
          desc,
          options,
          () => gpuOf(backend).dataset.sources,
        )
      : new CpuAutoencoder(desc, options, data, await cpuOps());
  engine.writeState(initialState(desc, seeded(hyper.seed)));
  const latentDim = desc.layers[bottleneck].outShape.reduce((a, b) => a * b, 1);
  return { engine, bottleneck, latentDim, desc };
}

export interface BuiltGan {
  engine: GanEngine;
  /** Values per generator input: the noise, then a conditional GAN's `classes` one-hot digit values. */
  latentDim: number;
  /** A conditional GAN's digits, else 0. */
  classes: number;
  /** The two networks' layouts, which name and place their weights. */
  generator: ModelDescription;
  discriminator: ModelDescription;
}

export async function buildGan(
  backend: TrainerBackend,
  data: () => HostDataset,
  generator: NetworkSpec,
  discriminator: NetworkSpec,
  hyper: Hyperparams,
  cpuOps: () => Promise<CpuOps> = async () => referenceOps,
): Promise<BuiltGan> {
  checkHyper(hyper, 'generator');
  const g = describeFor(generator, 'generator', hyper.batchSize).desc;
  const d = describeFor(discriminator, 'discriminator', hyper.batchSize).desc;
  const options = {
    batch: hyper.batchSize,
    seed: hyper.seed,
    generator: optimizerSettings(hyper),
    discriminator: optimizerSettings(hyper),
  };
  const engine =
    backend.kind === 'webgpu'
      ? new (await import('./gpu-gan')).GpuGan(
          gpuOf(backend).device,
          g,
          d,
          options,
          () => gpuOf(backend).dataset.sources,
        )
      : new CpuGan(g, d, options, data, await cpuOps());
  const random = seeded(hyper.seed);
  engine.writeState({ generator: initialState(g, random), discriminator: initialState(d, random) });
  return { engine, latentDim: g.inputShape[0], classes: engine.classes, generator: g, discriminator: d };
}

/** The WebGPU backend's device and resident dataset (the type import evaluates no GPU module). */
function gpuOf(backend: TrainerBackend): GpuBackend {
  return backend as GpuBackend;
}
