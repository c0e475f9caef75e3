// The worker side of the generative modes: builds an autoencoder or a GAN on the trainer's backend and
// dataset, runs its own training loop, and reports losses, previews (reconstructions, latent points,
// sample grid with health warnings) and answers decode/generate requests. TrainerCore forwards to it.
import { tr } from '../../i18n';
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
import { conditionalNoise, digitGrid, withDigits } from './conditional';
import { Previews, SCORE_SAMPLES } from './previews';
import { generateAll, toUnit } from './images';
import type { LayerSnapshot } from '../protocol';
import type { GenerativeEvent, GenerativeMode, GenerativeRequest, GenerativeState } from './types';
import { explainedByLoss } from '../loss-explains';

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

/** Samples in the GAN's grid (a conditional GAN's is classes × classes: a row per digit). */
const GRID = 16;
/** Noise values per generator input (a conditional generator reads its one-hot digit after them). */
const noiseDim = (gan: BuiltGan) => gan.latentDim - gan.classes;

const NOISE_STREAM = 2000;
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class GenerativeSession {
  state: GenerativeState = 'idle';
  step = 0;
  private built: Built | null = null;
  private last: (GenerativeRequest & { kind: 'setAutoencoder' | 'setGan' }) | null = null;
  private schedule: EpochSchedule | null = null;
  private noise = new Prng(1);
  private loop: Promise<void> | null = null;
  /** Reconstructions, latent points, samples and the digit score, as the run goes. */
  private readonly previews: Previews;
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
  ) {
    this.previews = new Previews(host, options.scoreMs);
  }

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
          this.setState('paused');
          // The samples and the digit score then show the weights the run paused at.
          if (this.built) await this.preview(true);
          return;
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
          if (!this.built) throw new Error(tr('training:generative.none'));
          return this.host.emit({ kind: 'weights', id: request.id, ...(await snapshotOf(this.built)) });
        }
        case 'setWeights':
          await this.writeWeights(request.layers, request.discriminator);
          this.host.emit({ kind: 'weightsSet', id: request.id });
          // The previews then show the loaded weights.
          return await this.preview(true);
        case 'setJudge':
          this.previews.setJudge(request.bytes);
          return await this.previews.score(this.built, this.step);
      }
    } catch (error) {
      const id = 'id' in request ? request.id : undefined;
      this.host.emit({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Checks every tensor against the built network(s) before writing any. */
  private async writeWeights(layers: LayerSnapshot[], discriminator?: LayerSnapshot[]): Promise<void> {
    if (!this.built) throw new Error(tr('training:generative.noneToLoad'));
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
    if (!backend || !request) throw new Error(tr('training:generative.notReady'));
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
    const gridNoise = (count: number) =>
      gaussianNoise(new Prng(deriveSeed(request.hyper.seed, NOISE_STREAM + 1)), count * noiseDim(gan));
    const scoreNoise = gaussianNoise(
      new Prng(deriveSeed(request.hyper.seed, NOISE_STREAM + 2)),
      SCORE_SAMPLES * noiseDim(gan),
    );
    if (gan.classes === 0) {
      const fixed = gridNoise(GRID);
      return { mode: 'gan', gan, fixed, scoreNoise, fixedNoise: fixed };
    }
    // A row per digit, a column per noise vector; the score's samples ask for each digit in turn.
    const fixedNoise = gridNoise(gan.classes);
    const scoreDigits = Uint8Array.from({ length: SCORE_SAMPLES }, (_, i) => i % gan.classes);
    return {
      mode: 'gan',
      gan,
      fixed: digitGrid(fixedNoise, noiseDim(gan), gan.classes),
      scoreNoise: withDigits(scoreNoise, noiseDim(gan), scoreDigits),
      fixedNoise,
      scoreDigits,
    };
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
      const { classes } = built.gan;
      this.host.emit({
        kind: 'ready',
        mode: 'gan',
        latentDim: noiseDim(built.gan),
        fixedNoise: built.fixedNoise.slice(),
        ...(classes > 0 ? { classes } : {}),
      });
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
  async rebuildAfterLoss(why = tr('training:deviceLost')): Promise<void> {
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
      const name = tr(built.mode === 'gan' ? 'training:runName.gan' : 'training:runName.autoencoder');
      const reason = tr('training:rebuilt', { why, name, step: this.step });
      this.setState(this.state === 'idle' ? 'idle' : 'paused', reason);
      if (resume) await this.start();
      else this.quietly(this.preview(true));
    } catch (error) {
      this.fail(error);
    }
  }

  private async start(): Promise<void> {
    if (this.loop) return;
    if (!this.built) throw new Error(tr('training:generative.noneToTrain'));
    const batch = this.built.mode === 'gan' ? this.built.gan.engine.batch : this.built.ae.engine.batch;
    const available = this.host.data().train.available;
    if (available < batch) {
      throw new Error(tr('training:fewImages', { available, batch }));
    }
    await this.host.makeRoom();
    this.setState('training');
    const backend = this.host.backend();
    this.loop = this.train()
      .catch(async (error: unknown) => {
        // A lost device fails the loop's reads; the trainer's recovery rebuilds the run and restarts it.
        if (await explainedByLoss(backend, () => this.host.recovering())) return;
        this.setState('paused', tr('training:stoppedOnError'));
        this.fail(error);
      })
      .finally(() => (this.loop = null));
  }

  /** A background task's failure reaches the page, unless it is a lost device's (recovery follows). */
  private quietly(task: Promise<void>): void {
    const backend = this.host.backend();
    void task.catch(async (error: unknown) => {
      if (!(await explainedByLoss(backend, () => this.host.recovering()))) this.fail(error);
    });
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
        const { classes } = built.gan;
        const rows = engine.batch;
        const z =
          classes > 0
            ? conditionalNoise(this.noise, rows, noiseDim(built.gan))
            : gaussianNoise(this.noise, rows * built.gan.latentDim);
        built.gan.engine.step(start, this.step, z);
      } else built.ae.engine.step(start, this.step);
      this.step += 1;
      if (this.step % this.options.reportEvery === 0) {
        await this.report();
        if (performance.now() - this.previews.previewedAt >= this.options.previewMs) await this.preview();
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
        this.setState('paused', tr('training:reconstructionNaN'));
      } else this.keepGood(built);
    } else {
      this.previews.lastFigures = ganFigures(await built.gan.engine.takeSums());
      this.host.emit({ kind: 'metrics', step, ...this.previews.lastFigures });
      if (Object.values(this.previews.lastFigures).every(Number.isFinite)) this.keepGood(built);
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

  /** The previews of the built network at the current step (and its digit score when `scoreNow`). */
  private preview(scoreNow = false): Promise<void> {
    return this.previews.preview(this.built, this.step, scoreNow);
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
