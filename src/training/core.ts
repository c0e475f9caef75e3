// TrainerCore: everything the worker does, without the Worker. It takes requests, owns the backend and
// the model, runs the training loop and emits events; worker.ts only wires it to postMessage, and tests
// drive it in-process.
import type { CpuEnvironment } from '../engine/wasm/choose';
import type { ModelDescription } from '../model/describe';
import { initialState } from '../model/init';
import { ABSURD_WEIGHT, largestMagnitude } from '../network/export/weight-checks';
import { DEFAULT_HYPER, HYPER_LIMITS, validateHyper, type Hyperparams } from '../network/hyper';
import type { NetworkSpec } from '../network/spec';
import type { Checkpoint, HostDataset, ModelState, TrainerBackend } from './backend';
import { BackendSelector, type Selected } from './backend-selector';
import type { WasmLoaders } from './cpu-kernels';
import { emptyHostDataset, streamDataset, userHostDataset } from './host-dataset';
import { stateFromSnapshot } from './load-weights';
import { describeSpec } from './model-spec';
import { deriveSeed, Prng } from './prng';
import {
  assertNever,
  type BackendPreference,
  type DatasetId,
  type LayerSnapshot,
  type TrainerEvent,
  type TrainerRequest,
  type TrainerState,
  type UserDatasetData,
} from './protocol';
import { EpochSchedule, SEED_STREAM } from './schedule';
import { resumeSchedule, TrainingRun } from './run';
import { GenerativeSession } from './generative/session';
import { DEFAULT_DENSE_OPTIONS, DenseSession, type DenseSessionOptions } from './dense/session';
import { Inspector } from './inspect/inspector';
import { LiveActivations } from './live-activations';
import { TuneAhead } from './tune-ahead';
import type { TuningStore } from '../engine/tuning/store';
import type { TuneBudget } from '../engine/tuning/tuner';
import type { InspectQuery } from './inspect/types';

export interface TrainerCoreOptions {
  /** fetch for the dataset files (tests read them from disk). */
  fetch?: typeof fetch;
  /** The WebGPU entry point; null means none. Default: navigator.gpu. */
  gpu?: GPU | null;
  /** Steps between metrics reports. */
  reportEvery?: number;
  /** Test images shown with predictions after each evaluation. */
  gallerySize?: number;
  /** Minimum time between host copies of the weights (what a lost device is rebuilt from). */
  snapshotEveryMs?: number;
  /** Test images evaluated while training (a fixed sample; 0: none), at most every testSampleEveryMs of
   *  training and within testSampleBudget (a fraction) of the training time. */
  testSampleSize?: number;
  testSampleEveryMs?: number;
  testSampleBudget?: number;
  /** How the WebAssembly ops load in this context (Node passes its own; default the browser's). */
  wasm?: WasmLoaders;
  /** The CPU environment the backend choice sees (default: detected). */
  cpuEnv?: CpuEnvironment;
  /** Milliseconds each side of a design's measurement on a fallback adapter trains (default 300). */
  measureMs?: number;
  /** Tune each design's kernels on the WebGPU device while idle, keeping the choices here (off without it). */
  tuning?: { store: TuningStore; budget?: TuneBudget };
  /** The dense session's reporting and test sizes (default DEFAULT_DENSE_OPTIONS). */
  dense?: Partial<DenseSessionOptions>;
}

export type Emit = (event: TrainerEvent) => void;

type OptionalOptions = 'fetch' | 'gpu' | 'wasm' | 'cpuEnv' | 'measureMs' | 'tuning' | 'dense';

export class TrainerCore {
  readonly options: Required<Omit<TrainerCoreOptions, OptionalOptions>> & TrainerCoreOptions;
  backend: TrainerBackend | null = null;
  spec: NetworkSpec | null = null;
  desc: ModelDescription | null = null;
  hyper: Hyperparams = { ...DEFAULT_HYPER };
  data: HostDataset = emptyHostDataset();
  state: TrainerState = 'idle';
  schedule: EpochSchedule | null = null;
  /** Optimizer steps since the last reset. */
  step = 0;
  /** The last weights known to be finite, on the host: a lost device is rebuilt from these. */
  lastGood: Checkpoint | null = null;
  /** The largest magnitude in weights loaded since the last reset, when absurd (see ABSURD_WEIGHT): a
   *  divergence is then put down to them, not to the learning rate. */
  loadedLargest: number | null = null;
  /** Answers inspect queries and keeps the replay history. */
  readonly inspector: Inspector = new Inspector(this);
  /** The activations the page's diagram watches while training. */
  readonly live: LiveActivations = new LiveActivations(this);
  /** The autoencoder and GAN modes, on this trainer's backend and dataset. */
  readonly generative = new GenerativeSession({
    backend: () => this.backend,
    data: () => this.data,
    emit: (event) => this.emit({ type: 'generative', event }),
    recovering: () => this.recovering,
    snapshotEveryMs: () => this.options.snapshotEveryMs,
    makeRoom: () => this.makeRoomFor('generative'),
    cpuOps: () => this.selector.cpuOps(),
  });
  /** Segmentation and detection on scenes, on this trainer's backend and dataset. */
  readonly dense: DenseSession;
  /** Picks and opens the backends (WebGPU, WebAssembly or plain JavaScript) and the CPU kernels. */
  readonly selector: BackendSelector;
  private readonly run: TrainingRun;
  private queue: Promise<void> = Promise.resolve();
  private datasetLoad: AbortController | null = null;
  private recovering = false;
  private disposed = false;
  /** The model holds the initial weights its seed draws (not weights set or restored from elsewhere). */
  private weightsFromSeed = false;
  /** Tunes each built design's kernels while idle (when options.tuning gives a store). */
  private readonly tuneAhead: TuneAhead | null;

  constructor(
    readonly emit: Emit,
    options: TrainerCoreOptions = {},
  ) {
    this.options = {
      reportEvery: 20,
      gallerySize: 48,
      snapshotEveryMs: 2000,
      testSampleSize: 512,
      testSampleEveryMs: 2000,
      testSampleBudget: 0.03,
      ...options,
    };
    this.run = new TrainingRun(this);
    this.tuneAhead = options.tuning
      ? new TuneAhead({
          ...options.tuning,
          emit: (event) => this.emit(event),
          rebuild: (backend, desc) => this.rebuildTuned(backend, desc),
        })
      : null;
    this.dense = new DenseSession(
      {
        backend: () => this.backend,
        data: () => this.data,
        emit: (event) => this.emit({ type: 'dense', event }),
        recovering: () => this.recovering,
        makeRoom: () => this.makeRoomFor('dense'),
        snapshotEveryMs: () => this.options.snapshotEveryMs,
        cpuOps: () => this.selector.cpuOps(),
      },
      { ...DEFAULT_DENSE_OPTIONS, ...options.dense },
    );
    this.selector = new BackendSelector({
      gpu: options.gpu,
      cpuEnv: options.cpuEnv,
      wasm: options.wasm,
      measureMs: options.measureMs,
      // Imported only here, so a browser without WebGPU (whose GPUBufferUsage is undefined) never
      // evaluates GPU modules.
      gpuBackend: async (device) =>
        new (await import('./gpu-backend')).GpuBackend(
          device,
          (r) => void this.recover(r),
          (message) => this.fail(new Error(`WebGPU error: ${message}`)),
        ),
    });
  }

  /** Handles requests one at a time, in arrival order; failures become `error` events. */
  handle(request: TrainerRequest): Promise<void> {
    this.queue = this.queue.then(() => this.dispatch(request)).catch((error: unknown) => this.fail(error));
    return this.queue;
  }

  private async dispatch(request: TrainerRequest): Promise<void> {
    if (this.disposed) return;
    switch (request.type) {
      case 'init':
        return this.init(Boolean(request.forceCpu), request.backend);
      case 'setBackend':
        return this.setBackend(request.backend);
      case 'loadDataset':
        // Streams in the background, so training can start on the images already in.
        void this.loadDataset(request.id, request.baseUrl);
        return;
      case 'useDataset':
        return this.useDataset(request.data);
      case 'setSpec':
        return this.setSpec(request.spec);
      case 'setHyper':
        return this.setHyper(request.hyper);
      case 'start':
        this.tuneAhead?.stop();
        return this.run.start();
      case 'pause':
        return this.run.pause();
      case 'step':
        return this.run.stepOnce();
      case 'reset':
        return this.reset();
      case 'evaluate':
        return this.run.evaluate();
      case 'examples':
        return this.run.examples(request);
      case 'predict':
        return this.run.predict(request.id, request.image);
      case 'snapshot':
        return this.run.snapshot(request.id, request.what, request.image);
      case 'setWeights':
        return this.setWeights(request.id, request.layers);
      case 'inspect':
        return this.inspect(request.id, request.query);
      case 'generative':
        return this.generative.handle(request.request);
      case 'watchActivations':
        return this.live.watch(request.image, request.everyMs, request.channels);
      case 'dense':
        return this.dense.handle(request.request);
      case 'destroyDeviceForTest':
        if (!this.backend?.destroyDevice) throw new Error('destroyDeviceForTest needs the WebGPU backend');
        this.backend.destroyDevice();
        return;
      case 'dispose':
        return this.dispose();
      default:
        return assertNever(request);
    }
  }

  fail(error: unknown): void {
    this.emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }

  setState(state: TrainerState, reason?: string): void {
    this.state = state;
    this.emit(reason === undefined ? { type: 'state', state } : { type: 'state', state, reason });
  }

  private async init(forceCpu: boolean, preference: BackendPreference = 'webgpu'): Promise<void> {
    const selected = await this.selector.open(preference, { forceCpu, desc: this.desc, hyper: this.hyper });
    this.attach(selected.backend);
    this.emit(selected.ready);
  }

  /** Moves the model (weights, step, sample order) to the backend `preference` picks. */
  private async setBackend(preference: BackendPreference): Promise<void> {
    const wasTraining = this.state === 'training';
    await this.run.stop();
    const state = this.backend && this.desc ? await this.backend.readState() : undefined;
    const selected = await this.selector.open(preference, { desc: this.desc, hyper: this.hyper });
    await this.switchTo(selected.backend, state);
    this.emit(selected.ready);
    if (wasTraining) await this.run.start();
  }

  /**
   * Makes `backend` current with the model on it; a generative or dense network moves too, from its last
   * good weights.
   */
  private async switchTo(backend: TrainerBackend, state?: ModelState): Promise<void> {
    await this.generative.suspend();
    await this.dense.suspend(true);
    if (this.schedule) this.schedule.orderChanged = true;
    this.attach(backend, state);
    await this.generative.rebuildAfterLoss('the backend changed');
    await this.dense.rebuildAfterLoss('the backend changed');
  }

  /** Makes `backend` current: gives it the dataset so far and the model, if there is one. */
  private attach(backend: TrainerBackend, state?: ModelState): void {
    this.backend?.destroy();
    this.backend = backend;
    for (const split of ['train', 'test'] as const) {
      if (this.data[split].available > 0)
        backend.syncDataset(this.data, split, 0, this.data[split].available);
    }
    if (this.desc) this.build(state);
  }

  private async loadDataset(id: DatasetId, baseUrl: string): Promise<void> {
    // A newer load replaces an unfinished one: it is aborted, and its late records are ignored.
    this.datasetLoad?.abort();
    const load = new AbortController();
    this.datasetLoad = load;
    await this.run.stop();
    const host = emptyHostDataset();
    this.data = host;
    this.schedule = null;
    const emit = (event: TrainerEvent) => host === this.data && this.emit(event);
    await streamDataset(
      id,
      baseUrl,
      this.options.fetch,
      host,
      {
        emit,
        onRecords: (split, from, to) => {
          if (host !== this.data) return;
          this.backend?.syncDataset(host, split, from, to);
          if (split === 'test' && to === host.test.capacity) this.run.chooseGallery();
        },
      },
      load.signal,
    );
  }

  /** The user's own images replace the dataset at once (they are all here); a bad one changes nothing. */
  private async useDataset(data: UserDatasetData): Promise<void> {
    let host: HostDataset;
    try {
      host = userHostDataset(data, HYPER_LIMITS.maxBatchSize);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.emit({ type: 'datasetError', message: `your dataset: ${message}`, retryable: false });
      return;
    }
    this.datasetLoad?.abort();
    this.datasetLoad = null;
    await this.run.stop();
    this.data = host;
    this.schedule = null;
    for (const split of ['train', 'test'] as const)
      this.backend?.syncDataset(host, split, 0, host[split].available);
    this.run.chooseGallery();
    this.emit({
      type: 'datasetReady',
      train: data.train.labels.length,
      test: host.test.available,
      classNames: [...data.classNames],
    });
  }

  private async setSpec(spec: NetworkSpec): Promise<void> {
    await this.run.stop();
    const desc = describeSpec(spec, this.hyper.batchSize, this.backend?.maxBufferBytes);
    // On a software WebGPU adapter, each design trains where it measured faster.
    const chosen: Selected | null = await this.selector.forDesign(desc, this.hyper);
    this.spec = spec;
    this.desc = desc;
    this.rewind();
    if (chosen && chosen.backend !== this.backend) await this.switchTo(chosen.backend);
    else this.build();
    if (chosen) this.emit(chosen.ready);
    this.setState('idle');
  }

  private async setHyper(hyper: Hyperparams): Promise<void> {
    const problem = validateHyper(hyper, 'classification').find((i) => i.severity === 'error');
    if (problem) throw new Error(`hyperparameters refused: ${problem.message}`);
    const previous = this.hyper;
    this.hyper = { ...hyper };
    // A new batch size re-plans every op, and label smoothing the loss kernel.
    const rebuild =
      hyper.batchSize !== previous.batchSize || hyper.labelSmoothing !== previous.labelSmoothing;
    if (!this.backend || !this.desc) return;
    if (hyper.seed !== previous.seed && this.step === 0 && this.weightsFromSeed) {
      // Nothing trained yet: the next run starts from the new seed's weights, as a link with it would.
      this.rewind();
      this.build();
    } else if (rebuild) {
      // The weights and the run's position carry over.
      const wasTraining = this.state === 'training';
      await this.run.stop();
      const state = await this.backend.readState();
      if (this.schedule) this.schedule = new EpochSchedule(this.hyper.seed, hyper.batchSize);
      this.build(state);
      if (wasTraining) await this.run.start();
    } else this.backend.setHyper(this.hyper);
    if (this.state === 'done' && this.run.completedEpochs() < this.hyper.epochs) this.setState('paused');
  }

  /** Checks every tensor before touching the model, so a refusal changes nothing. */
  private async setWeights(id: number, layers: LayerSnapshot[]): Promise<void> {
    try {
      if (!this.backend || !this.desc)
        throw new Error('there is no network to load weights into: set a spec first');
      const state = stateFromSnapshot(this.desc, layers);
      const wasTraining = this.state === 'training';
      await this.run.stop();
      const largest = Math.max(largestMagnitude(state.params), largestMagnitude(state.buffers));
      this.loadedLargest = largest > ABSURD_WEIGHT ? largest : null;
      this.backend.writeState(state);
      this.weightsFromSeed = false;
      this.run.stateWritten();
      this.lastGood = {
        state: { params: state.params.slice(), buffers: state.buffers.slice() },
        step: this.step,
        position: this.schedule?.position() ?? null,
      };
      this.emit({ type: 'weightsSet', id });
      if (wasTraining) await this.run.start();
    } catch (error) {
      this.emit({
        type: 'requestFailed',
        id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private async reset(): Promise<void> {
    await this.run.stop();
    if (!this.desc) throw new Error('there is no network to reset: set a spec first');
    this.rewind();
    this.build();
    this.setState('idle');
  }

  private async inspect(id: number, query: InspectQuery): Promise<void> {
    try {
      this.emit({ type: 'inspected', id, result: await this.inspector.answer(query) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.emit({ type: 'requestFailed', id, message });
    }
  }

  private rewind(): void {
    this.inspector.clear();
    this.step = 0;
    this.schedule = null;
    this.lastGood = null;
    this.loadedLargest = null;
  }

  /** Builds the model on the current backend from `state`, or from the seed. */
  build(state?: ModelState): void {
    if (!this.backend || !this.desc) return;
    const init = state ?? initialState(this.desc, seededRandom(this.hyper.seed));
    this.backend.build(this.desc, this.hyper, init);
    this.weightsFromSeed = state === undefined;
    this.lastGood ??= {
      state: { params: init.params.slice(), buffers: init.buffers.slice() },
      step: this.step,
      position: this.schedule?.position() ?? null,
    };
    this.run.modelBuilt();
    this.tuneAhead?.designBuilt(this.backend, this.desc, this.hyper);
    this.emit({
      type: 'modelReady',
      parameterCount: this.desc.parameterCount,
      gpuBytes: this.backend.bytes(),
      datasetBytes: this.backend.datasetBytes(),
    });
  }

  /**
   * One run trains at a time on the device: before `starting` trains, the other run, if training, is
   * paused, and the page is told why.
   */
  async makeRoomFor(starting: 'classifier' | 'generative' | 'dense'): Promise<void> {
    const names = {
      classifier: 'classifier',
      generative: this.generative.mode === 'gan' ? 'GAN' : 'autoencoder',
      dense: `${this.dense.task ?? 'segmentation'} network`,
    };
    const message = (paused: string, by: string) =>
      `The ${paused}'s training was paused: the ${by} started training, and one run trains at a time on the device.`;
    const runs = {
      classifier: { training: this.state === 'training', pause: (text: string) => this.run.pause(text) },
      generative: {
        training: this.generative.state === 'training',
        pause: (text: string) => this.generative.pause(text),
      },
      dense: { training: this.dense.state === 'training', pause: (text: string) => this.dense.pause(text) },
    };
    for (const other of ['classifier', 'generative', 'dense'] as const) {
      if (other === starting || !runs[other].training) continue;
      const text = message(names[other], names[starting]);
      await runs[other].pause(text);
      this.emit({ type: 'notice', message: text });
    }
  }

  /**
   * The device-loss path: report, rebuild on a new device (or the CPU) from the last good weights, go on.
   * The generative run, if any, is rebuilt the same way from its own last good weights.
   */
  private async recover(reason: string): Promise<void> {
    if (this.recovering || this.disposed) return;
    this.recovering = true;
    const wasTraining = this.state === 'training';
    this.emit({ type: 'deviceLost', reason, recovering: true });
    await this.run.stop();
    await this.generative.suspend();
    await this.dense.suspend();
    const state = this.lastGood?.state;
    if (this.lastGood) {
      // On from the very batch after the good weights' step, with the order uploaded to the new backend.
      this.step = this.lastGood.step;
      this.schedule = resumeSchedule(this, this.lastGood.position);
    } else if (this.schedule) this.schedule.orderChanged = true;
    this.backend = null;
    const selected = await this.selector.open(this.selector.preference, {
      desc: this.desc,
      hyper: this.hyper,
      afterLoss: true,
    });
    this.attach(selected.backend, state);
    this.emit(selected.ready);
    this.recovering = false;
    if (wasTraining) await this.run.start();
    await this.generative.rebuildAfterLoss();
    await this.dense.rebuildAfterLoss();
  }

  get isRecovering(): boolean {
    return this.recovering;
  }

  /** After tuning: the same design on the same backend, not training, is rebuilt with its weights kept. */
  private rebuildTuned(backend: TrainerBackend, desc: ModelDescription): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.backend !== backend || this.desc !== desc || this.state === 'training' || this.disposed)
        return;
      this.build(await backend.readState());
    });
    return this.queue;
  }

  private async dispose(): Promise<void> {
    this.tuneAhead?.stop();
    this.datasetLoad?.abort();
    await this.run.stop();
    await this.generative.dispose();
    await this.dense.dispose();
    this.disposed = true;
    const backend = this.backend;
    this.backend = null;
    backend?.destroy();
    this.selector.dispose();
  }
}

/** Initial weights are drawn from their own stream of the run seed. */
export function seededRandom(seed: number): () => number {
  const prng = new Prng(deriveSeed(seed, SEED_STREAM.init));
  return () => prng.next();
}
