// The worker side of the generative modes: builds an autoencoder or a GAN on the trainer's backend and
// dataset, runs its own training loop, and reports losses, previews (reconstructions, latent points,
// sample grid with health warnings) and answers decode/generate requests. TrainerCore forwards to it.
import type { HostDataset, TrainerBackend } from '../backend';
import { deriveSeed, Prng } from '../prng';
import { EpochSchedule } from '../schedule';
import { buildAutoencoder, buildGan, type BuiltAutoencoder, type BuiltGan } from './build';
import { gaussianNoise, ganFigures } from './common';
import { ganWarning } from './health';
import { sampleStats } from './stats';
import { snapshotFromState, stateFromSnapshot } from '../load-weights';
import type { LayerSnapshot } from '../protocol';
import type { GenerativeEvent, GenerativeMode, GenerativeRequest, GenerativeState } from './types';

export interface SessionHost {
  backend(): TrainerBackend | null;
  data(): HostDataset;
  emit(event: GenerativeEvent): void;
}

/** Test images shown as original/reconstruction pairs, grid samples, latent points plotted. */
const PAIRS = 8;
const GRID = 16;
const LATENT_POINTS = 2000;
const NOISE_STREAM = 2000;
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type Built =
  { mode: 'autoencoder'; ae: BuiltAutoencoder } | { mode: 'gan'; gan: BuiltGan; fixed: Float32Array };

export class GenerativeSession {
  state: GenerativeState = 'idle';
  step = 0;
  private built: Built | null = null;
  private last: (GenerativeRequest & { kind: 'setAutoencoder' | 'setGan' }) | null = null;
  private schedule: EpochSchedule | null = null;
  private noise = new Prng(1);
  private loop: Promise<void> | null = null;
  private lastFigures = { dLoss: NaN, gLoss: NaN, dReal: NaN, dFake: NaN };
  private previewedAt = -Infinity;
  private previews = 0;

  constructor(
    private readonly host: SessionHost,
    /** Steps between loss reports; the previews follow a report at most once per `previewMs`. */
    private readonly options: { reportEvery: number; previewMs: number } = {
      reportEvery: 5,
      previewMs: 1000,
    },
  ) {}

  async handle(request: GenerativeRequest): Promise<void> {
    try {
      switch (request.kind) {
        case 'setAutoencoder':
        case 'setGan':
          await this.stop();
          this.last = request;
          return await this.build();
        case 'start':
          return this.start();
        case 'pause':
          await this.stop();
          return this.setState('paused');
        case 'reset':
          await this.stop();
          return await this.build();
        case 'decode': {
          const ae = this.autoencoder();
          const images = await ae.engine.decodeFrom(
            ae.bottleneck,
            request.codes,
            request.codes.length / ae.latentDim,
          );
          return this.host.emit({ kind: 'decoded', id: request.id, images });
        }
        case 'generate': {
          const images = toUnit(await generateAll(this.gan(), request.noise));
          return this.host.emit({ kind: 'generated', id: request.id, images });
        }
        case 'readWeights':
          return this.host.emit({ kind: 'weights', id: request.id, ...(await this.readWeights()) });
        case 'setWeights':
          await this.writeWeights(request.layers, request.discriminator);
          this.host.emit({ kind: 'weightsSet', id: request.id });
          // The previews then show the loaded weights.
          return await this.preview();
      }
    } catch (error) {
      const id = 'id' in request ? request.id : undefined;
      this.host.emit({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async readWeights(): Promise<{
    mode: GenerativeMode;
    layers: LayerSnapshot[];
    discriminator?: LayerSnapshot[];
  }> {
    if (!this.built) throw new Error('there is no generative network yet: train or build one first');
    if (this.built.mode === 'autoencoder') {
      const ae = this.built.ae;
      return { mode: 'autoencoder', layers: snapshotFromState(ae.desc, await ae.engine.readState()) };
    }
    const gan = this.built.gan;
    const state = await gan.engine.readState();
    return {
      mode: 'gan',
      layers: snapshotFromState(gan.generator, state.generator),
      discriminator: snapshotFromState(gan.discriminator, state.discriminator),
    };
  }

  /** Checks every tensor against the built network(s) before writing any. */
  private async writeWeights(layers: LayerSnapshot[], discriminator?: LayerSnapshot[]): Promise<void> {
    if (!this.built) throw new Error('there is no generative network to load weights into: build one first');
    const wasTraining = this.state === 'training';
    if (this.built.mode === 'autoencoder') {
      const state = stateFromSnapshot(this.built.ae.desc, layers);
      await this.stop();
      this.built.ae.engine.writeState(state);
    } else {
      if (!discriminator) throw new Error("a GAN needs the discriminator's weights beside the generator's");
      const gan = this.built.gan;
      const state = {
        generator: stateFromSnapshot(gan.generator, layers),
        discriminator: stateFromSnapshot(gan.discriminator, discriminator),
      };
      await this.stop();
      gan.engine.writeState(state);
    }
    if (wasTraining) await this.start();
  }

  private autoencoder(): BuiltAutoencoder {
    if (this.built?.mode !== 'autoencoder') throw new Error('no autoencoder is built');
    return this.built.ae;
  }

  private gan(): BuiltGan {
    if (this.built?.mode !== 'gan') throw new Error('no GAN is built');
    return this.built.gan;
  }

  private setState(state: GenerativeState, reason?: string): void {
    this.state = state;
    this.host.emit(reason ? { kind: 'state', state, reason } : { kind: 'state', state });
  }

  private async build(): Promise<void> {
    const backend = this.host.backend();
    const request = this.last;
    if (!backend || !request) throw new Error('the trainer is not ready: send a network first');
    this.destroyBuilt();
    this.step = 0;
    const data = () => this.host.data();
    if (request.kind === 'setAutoencoder') {
      const ae = await buildAutoencoder(
        backend,
        data,
        request.spec,
        request.hyper,
        request.bottleneckLayerId,
      );
      this.built = { mode: 'autoencoder', ae };
      this.schedule = new EpochSchedule(request.hyper.seed, request.hyper.batchSize);
      this.host.emit({ kind: 'ready', mode: 'autoencoder', latentDim: ae.latentDim });
    } else {
      const gan = await buildGan(backend, data, request.generator, request.discriminator, request.hyper);
      this.noise = new Prng(deriveSeed(request.hyper.seed, NOISE_STREAM));
      const fixed = gaussianNoise(
        new Prng(deriveSeed(request.hyper.seed, NOISE_STREAM + 1)),
        GRID * gan.latentDim,
      );
      this.built = { mode: 'gan', gan, fixed };
      this.schedule = new EpochSchedule(request.hyper.seed, request.hyper.batchSize);
      this.host.emit({ kind: 'ready', mode: 'gan', latentDim: gan.latentDim, fixedNoise: fixed.slice() });
    }
    this.setState('idle');
    void this.preview();
  }

  private async start(): Promise<void> {
    if (this.loop) return;
    if (!this.built) throw new Error('there is no generative network to train: send one first');
    const batch = this.built.mode === 'gan' ? this.built.gan.engine.batch : this.built.ae.engine.batch;
    const available = this.host.data().train.available;
    if (available < batch) {
      throw new Error(
        `only ${available} training images are loaded, fewer than one batch of ${batch}: load the dataset first`,
      );
    }
    this.setState('training');
    this.loop = this.train().finally(() => (this.loop = null));
  }

  private async stop(): Promise<void> {
    if (this.state === 'training') this.state = 'paused';
    await this.loop;
  }

  private async train(): Promise<void> {
    while (this.state === 'training' && this.built) {
      const built = this.built;
      const engine = built.mode === 'gan' ? built.gan.engine : built.ae.engine;
      const start = this.schedule!.next(this.host.data().train.available);
      if (start === null) break;
      if (this.schedule!.orderChanged) {
        engine.setOrder(this.schedule!.order);
        this.schedule!.orderChanged = false;
      }
      if (built.mode === 'gan') {
        built.gan.engine.step(
          start,
          this.step,
          gaussianNoise(this.noise, engine.batch * built.gan.latentDim),
        );
      } else built.ae.engine.step(start, this.step);
      this.step += 1;
      if (this.step % this.options.reportEvery === 0) {
        await this.report();
        if (performance.now() - this.previewedAt >= this.options.previewMs) await this.preview();
      }
      await engine.settle();
      await yieldTurn();
    }
  }

  private async report(): Promise<void> {
    const built = this.built!;
    const step = this.step;
    if (built.mode === 'autoencoder') {
      const sums = await built.ae.engine.takeSums();
      const loss = sums.loss / sums.samples;
      this.host.emit({ kind: 'metrics', step, loss });
      if (!Number.isFinite(loss)) {
        await this.stop();
        this.setState(
          'paused',
          'the reconstruction loss is no longer a number: lower the learning rate and press Reset',
        );
      }
    } else {
      this.lastFigures = ganFigures(await built.gan.engine.takeSums());
      this.host.emit({ kind: 'metrics', step, ...this.lastFigures });
    }
  }

  /** Reconstructions and latent points, or the sample grid with its health check. */
  private async preview(): Promise<void> {
    const built = this.built;
    if (!built) return;
    const step = this.step;
    this.previewedAt = performance.now();
    this.previews += 1;
    if (built.mode === 'gan') {
      const images = toUnit(await generateAll(built.gan, built.fixed));
      const variance = sampleStats(images).variance * 4;
      const warning = step > 0 ? ganWarning(this.lastFigures, variance) : null;
      this.host.emit({ kind: 'samples', step, images, variance, warning });
      return;
    }
    const { test } = this.host.data();
    if (test.available === 0) return;
    const ae = built.ae;
    const pairs = Math.min(PAIRS, test.available);
    const originals = testImages(this.host.data(), pairs);
    const reconstructions = await ae.engine.layerOutputs(originals, pairs, ae.desc.layers.length - 1);
    this.host.emit({ kind: 'reconstructions', step, originals, reconstructions });
    // The latent plot (2,000 encodings) is refreshed at every fifth preview.
    if (ae.latentDim === 2 && (step === 0 || this.previews % 5 === 0)) {
      const count = Math.min(LATENT_POINTS, test.available);
      const points = await ae.engine.layerOutputs(testImages(this.host.data(), count), count, ae.bottleneck);
      this.host.emit({ kind: 'latent', step, points, labels: test.labels.slice(0, count) });
    }
  }

  private destroyBuilt(): void {
    if (!this.built) return;
    if (this.built.mode === 'gan') this.built.gan.engine.destroy();
    else this.built.ae.engine.destroy();
    this.built = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.destroyBuilt();
  }
}

/** The generator's images for any number of noise vectors, a batch at a time. */
async function generateAll(gan: BuiltGan, noise: Float32Array): Promise<Float32Array> {
  const n = gan.latentDim;
  const count = noise.length / n;
  const out = new Float32Array(count * 784);
  for (let start = 0; start < count; start += gan.engine.batch) {
    const rows = Math.min(gan.engine.batch, count - start);
    const images = await gan.engine.generate(noise.subarray(start * n, (start + rows) * n), rows);
    out.set(images, start * 784);
  }
  return out;
}

/** The first `count` test images as floats in [0, 1]. */
function testImages(data: HostDataset, count: number): Float32Array {
  return Float32Array.from(data.test.images.subarray(0, count * data.pixels), (v) => v / 255);
}

/** Generator outputs in [-1, 1] to pixels in [0, 1]. */
function toUnit(images: Float32Array): Float32Array {
  return images.map((v) => Math.min(1, Math.max(0, (v + 1) / 2)));
}
