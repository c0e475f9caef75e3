// The worker side of the generative modes: builds an autoencoder or a GAN on the trainer's backend and
// dataset, runs its own training loop, and reports losses, previews (reconstructions, latent points,
// sample grid with health warnings) and answers decode/generate requests. TrainerCore forwards to it.
import type { CpuOps } from '../../engine/cpu-ops';
import type { Checkpoint, HostDataset, TrainerBackend } from '../backend';
import { deriveSeed, Prng } from '../prng';
import { EpochSchedule } from '../schedule';
import { buildAutoencoder, buildGan, type BuiltAutoencoder, type BuiltGan } from './build';
import {
  finiteWeights,
  readWeightsOf,
  snapshotOf,
  weightsFromSnapshot,
  writeWeightsTo,
  type Built,
  type Weights,
} from './checkpoint';
import { gaussianNoise, ganFigures } from './common';
import { autoencoderDigitScore, ganDigitScore } from './digit-score';
import { ganWarning } from './health';
import { generateAll, testImages, toUnit } from './images';
import { loadJudge, type Judge } from './judge';
import { sampleStats } from './stats';
import type { LayerSnapshot } from '../protocol';
import type { GenerativeEvent, GenerativeMode, GenerativeRequest, GenerativeState } from './types';

export interface SessionHost {
  backend(): TrainerBackend | null;
  data(): HostDataset;
  emit(event: GenerativeEvent): void;
  /** True while the trainer rebuilds after a lost device (the old device's failures are expected then). */
  recovering(): boolean;
  /** Minimum time between host copies of good weights (what a lost device is rebuilt from). */
  snapshotEveryMs(): number;
  /** Called before the run starts training: the trainer pauses its classifier run if that is training. */
  makeRoom(): Promise<void>;
  /** CPU ops of the trainer's CPU kind for an engine on the CPU backend (default: the reference ops). */
  cpuOps?(): Promise<CpuOps>;
}

/** Test images shown as original/reconstruction pairs, grid samples, latent points plotted. */
const PAIRS = 8;
const GRID = 16;
const LATENT_POINTS = 2000;
const NOISE_STREAM = 2000;
/** Images the live digit score judges: GAN samples from fixed noise, or test reconstructions. */
export const SCORE_SAMPLES = 256;
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
  /** The digit classifier that scores what the generator makes, once the page has sent it. */
  private judge: Judge | null = null;
  private scoredAt = -Infinity;
  /** The last weights known to be finite, on the host (null: the seeded ones of the build). */
  lastGood: Checkpoint<Weights> | null = null;
  private keptAt = -Infinity;
  /** Set while a lost device is replaced: the run was training and goes on once rebuilt. */
  private resumeAfterLoss = false;

  constructor(
    private readonly host: SessionHost,
    /** Steps between loss reports; the previews follow a report at most once per `previewMs`, the
     *  digit score (which judges SCORE_SAMPLES images) at most once per `scoreMs`. */
    private readonly options: { reportEvery: number; previewMs: number; scoreMs: number } = {
      reportEvery: 5,
      previewMs: 1000,
      scoreMs: 4000,
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
        case 'readWeights': {
          if (!this.built) throw new Error('there is no generative network yet: train or build one first');
          return this.host.emit({ kind: 'weights', id: request.id, ...(await snapshotOf(this.built)) });
        }
        case 'setWeights':
          await this.writeWeights(request.layers, request.discriminator);
          this.host.emit({ kind: 'weightsSet', id: request.id });
          // The previews then show the loaded weights.
          return await this.preview(true);
        case 'setJudge':
          this.judge = loadJudge(request.bytes);
          return await this.score(this.step);
      }
    } catch (error) {
      const id = 'id' in request ? request.id : undefined;
      this.host.emit({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Checks every tensor against the built network(s) before writing any. */
  private async writeWeights(layers: LayerSnapshot[], discriminator?: LayerSnapshot[]): Promise<void> {
    if (!this.built) throw new Error('there is no generative network to load weights into: build one first');
    const weights = weightsFromSnapshot(this.built, layers, discriminator);
    const wasTraining = this.state === 'training';
    await this.stop();
    writeWeightsTo(this.built, weights);
    if (finiteWeights(weights))
      this.lastGood = { state: weights, step: this.step, position: this.position() };
    if (wasTraining) await this.start();
  }

  /** The built network's mode, or null before the first build. */
  get mode(): GenerativeMode | null {
    return this.built?.mode ?? null;
  }

  /** Pauses a training run and tells the page why (another run is starting). */
  async pause(reason: string): Promise<void> {
    if (this.state !== 'training') return;
    await this.stop();
    this.setState('paused', reason);
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

  /** Engines for the last build request on the current backend, with the seeded weights. */
  private async construct(): Promise<Built> {
    const backend = this.host.backend();
    const request = this.last;
    if (!backend || !request) throw new Error('the trainer is not ready: send a network first');
    const data = () => this.host.data();
    if (request.kind === 'setAutoencoder') {
      const ae = await buildAutoencoder(
        backend,
        data,
        request.spec,
        request.hyper,
        request.bottleneckLayerId,
        this.host.cpuOps,
      );
      return { mode: 'autoencoder', ae };
    }
    const gan = await buildGan(
      backend,
      data,
      request.generator,
      request.discriminator,
      request.hyper,
      this.host.cpuOps,
    );
    const fixed = gaussianNoise(
      new Prng(deriveSeed(request.hyper.seed, NOISE_STREAM + 1)),
      GRID * gan.latentDim,
    );
    const scoreNoise = gaussianNoise(
      new Prng(deriveSeed(request.hyper.seed, NOISE_STREAM + 2)),
      SCORE_SAMPLES * gan.latentDim,
    );
    return { mode: 'gan', gan, fixed, scoreNoise };
  }

  private async build(): Promise<void> {
    this.destroyBuilt();
    this.step = 0;
    this.lastGood = null;
    const built = await this.construct();
    const { hyper } = this.last!;
    this.built = built;
    this.schedule = new EpochSchedule(hyper.seed, hyper.batchSize);
    if (built.mode === 'autoencoder') {
      this.host.emit({ kind: 'ready', mode: 'autoencoder', latentDim: built.ae.latentDim });
    } else {
      this.noise = new Prng(deriveSeed(hyper.seed, NOISE_STREAM));
      const { latentDim } = built.gan;
      this.host.emit({ kind: 'ready', mode: 'gan', latentDim, fixedNoise: built.fixed.slice() });
    }
    this.setState('idle');
    this.quietly(this.preview(true));
  }

  /** After a lost device: stops the loop (its failures are the loss's) and drops the engines. */
  async suspend(): Promise<void> {
    this.resumeAfterLoss = this.state === 'training';
    await this.stop();
    this.destroyBuilt();
  }

  /**
   * Rebuilds the network on the trainer's new backend from the last good weights (or the seeded ones),
   * rewinds the step and the sample order to them, and goes on training if it was; the design and the
   * noise stream are kept.
   */
  async rebuildAfterLoss(why = 'the GPU device was lost'): Promise<void> {
    const resume = this.resumeAfterLoss;
    this.resumeAfterLoss = false;
    if (!this.last) return;
    try {
      const built = await this.construct();
      const { hyper } = this.last;
      this.built = built;
      const good = this.lastGood;
      if (good) writeWeightsTo(built, good.state);
      this.step = good?.step ?? 0;
      this.schedule = EpochSchedule.resume(hyper.seed, hyper.batchSize, good?.position ?? null);
      const name = built.mode === 'gan' ? 'GAN' : 'autoencoder';
      const reason = `${why}: the ${name} was rebuilt from its weights at step ${this.step}`;
      this.setState(this.state === 'idle' ? 'idle' : 'paused', reason);
      if (resume) await this.start();
      else this.quietly(this.preview(true));
    } catch (error) {
      this.fail(error);
    }
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
    await this.host.makeRoom();
    this.setState('training');
    this.loop = this.train()
      .catch((error: unknown) => {
        // A lost device fails the loop's reads; the trainer's recovery rebuilds the run and restarts it.
        if (this.host.recovering()) return;
        this.setState('paused', 'training stopped on an error');
        this.fail(error);
      })
      .finally(() => (this.loop = null));
  }

  /** A background task's failure reaches the page, unless it is a lost device's (recovery follows). */
  private quietly(task: Promise<void>): void {
    void task.catch((error: unknown) => this.host.recovering() || this.fail(error));
  }

  private fail(error: unknown): void {
    this.host.emit({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }

  private position() {
    return this.schedule?.position() ?? null;
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
        // The loop ends at its next check (stop() here would wait for the loop itself).
        this.setState(
          'paused',
          'the reconstruction loss is no longer a number: lower the learning rate and press Reset',
        );
      } else this.keepGood(built);
    } else {
      this.lastFigures = ganFigures(await built.gan.engine.takeSums());
      this.host.emit({ kind: 'metrics', step, ...this.lastFigures });
      if (Object.values(this.lastFigures).every(Number.isFinite)) this.keepGood(built);
    }
  }

  /** A host copy of the weights after the steps so far, kept as good if every value is finite. */
  private keepGood(built: Built): void {
    const now = performance.now();
    if (now - this.keptAt < this.host.snapshotEveryMs()) return;
    this.keptAt = now;
    const at = { step: this.step, position: this.position() };
    void readWeightsOf(built).then(
      (state) => built === this.built && finiteWeights(state) && (this.lastGood = { state, ...at }),
      () => undefined,
    );
  }

  /** The judge's digit score of what the generator makes now (nothing before the page sent the judge). */
  private async score(step: number): Promise<void> {
    const built = this.built;
    if (!built || !this.judge) return;
    this.scoredAt = performance.now();
    const score =
      built.mode === 'gan'
        ? await ganDigitScore(built.gan, this.judge, built.scoreNoise)
        : await autoencoderDigitScore(built.ae, this.judge, this.host.data(), SCORE_SAMPLES);
    if (score) this.host.emit({ kind: 'score', step, score });
  }

  /** Reconstructions and latent points, or the sample grid with its health check; the digit score when
   *  `scoreNow` or when the last one is `scoreMs` old. */
  private async preview(scoreNow = false): Promise<void> {
    const built = this.built;
    if (!built) return;
    const step = this.step;
    this.previewedAt = performance.now();
    this.previews += 1;
    if (scoreNow || performance.now() - this.scoredAt >= this.options.scoreMs) await this.score(step);
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
