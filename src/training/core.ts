// TrainerCore: everything the worker does, without the Worker. It takes requests, owns the backend and
// the model, runs the training loop and emits events; worker.ts only wires it to postMessage, and tests
// drive it in-process.
import { setLanguage, tr } from '../i18n';
import type { ModelDescription } from '../model/describe';
import { initialState } from '../model/init';
import { ABSURD_WEIGHT, largestMagnitude } from '../network/export/weight-checks';
import { validateHyper, type Hyperparams } from '../network/hyper';
import type { NetworkSpec } from '../network/spec';
import type { ModelState, TrainerBackend } from './backend';
import { BackendMoves } from './backend-moves';
import { BackendSelector, type Selected } from './backend-selector';
import { withDefaults, type CoreOptions, type TrainerCoreOptions } from './core-options';
import {
  answer,
  checkpointHere,
  completedEpochs,
  freshCoreState,
  type CoreState,
  type Emit,
} from './core-state';
import { DatasetRequests } from './dataset-requests';
import { makeRoom, type RunName } from './exclusive-runs';
import { stateFromSnapshot } from './load-weights';
import { describeSpec } from './model-spec';
import { assertNever, type LayerSnapshot, type TrainerRequest, type TrainerState } from './protocol';
import { EpochSchedule, seededRandom } from './schedule';
import { Readouts } from './readouts';
import { TrainingRun } from './run';
import type { GenerativeSession } from './generative/session';
import type { DenseSession } from './dense/session';
import { createSessions, sessionSlots } from './sessions';
import { Inspector } from './inspect/inspector';
import { LiveActivations } from './live-activations';
import { MeasureAhead } from './measure-ahead';
import { TuneAhead } from './tune-ahead';

export type { TrainerCoreOptions } from './core-options';

/** Whether a request starts a run (the classifier's, a generative or a dense one): it stops a measurement. */
function trains(request: TrainerRequest): boolean {
  if (request.type === 'start' || request.type === 'step') return true;
  if (request.type === 'generative' || request.type === 'dense') return request.request.kind === 'start';
  return false;
}
export type { Emit } from './core-state';

export class TrainerCore {
  readonly options: CoreOptions;
  /** The classifier's state, one object that the run, its readouts and the inspector share. */
  readonly current: CoreState = freshCoreState();
  /** Answers inspect queries and keeps the replay history. */
  readonly inspector: Inspector;
  /** The activations the page's diagram watches while training. */
  readonly live: LiveActivations;
  /** The autoencoder and GAN modes, on this trainer's backend and dataset. */
  readonly generative: GenerativeSession;
  /** Segmentation and detection on scenes, on this trainer's backend and dataset. */
  readonly dense: DenseSession;
  /** Picks and opens the backends (WebGPU, WebAssembly or plain JavaScript) and the CPU kernels. */
  readonly selector: BackendSelector;
  private readonly run: TrainingRun;
  private readonly readouts: Readouts;
  private queue: Promise<void> = Promise.resolve();
  /** The last language switch (its catalogue loading). */
  private language: Promise<void> = Promise.resolve();
  private readonly datasets: DatasetRequests;
  /** The backend's opening, while an `init` is under way. */
  private opening: Promise<void> | null = null;
  private disposed = false;
  /** The model holds the initial weights its seed draws (not weights set or restored from elsewhere). */
  private weightsFromSeed = false;
  /** Tunes each built design's kernels while idle (when options.tuning gives a store). */
  private readonly tuneAhead: TuneAhead | null;
  /** Opens backends and moves the model between them, the device-loss path included. */
  private readonly moves: BackendMoves;
  /** Measures a design on both sides while idle, on a software fallback adapter under 'auto'. */
  private readonly measureAhead: MeasureAhead;

  constructor(
    readonly emit: Emit,
    options: TrainerCoreOptions = {},
  ) {
    this.options = withDefaults(options);
    const s = this.current;
    const cpuOps = () => this.selector.cpuOps();
    this.inspector = new Inspector(s, cpuOps);
    this.live = new LiveActivations(s, emit);
    this.readouts = new Readouts(s, emit, this.options.gallerySize);
    this.datasets = new DatasetRequests(s, {
      emit,
      fetch: this.options.fetch,
      stop: () => this.run.stop(),
      testComplete: () => this.readouts.chooseGallery(),
      urgent: () => this.opening ?? this.run.starting,
    });
    this.run = new TrainingRun(s, {
      options: this.options,
      emit,
      setState: (state, reason) => this.setState(state, reason),
      fail: (error) => this.fail(error),
      recovering: () => this.moves.recovering,
      makeRoom: () => this.makeRoomFor('classifier'),
      afterStep: () => this.inspector.afterStep(),
      evaluate: () => this.readouts.evaluate(),
      liveTick: (ms) => this.live.tick(ms),
    });
    ({ generative: this.generative, dense: this.dense } = createSessions(s, {
      emit,
      recovering: () => this.moves.recovering,
      snapshotEveryMs: () => this.options.snapshotEveryMs,
      cpuOps,
      makeRoom: (name) => this.makeRoomFor(name),
      dense: options.dense,
    }));
    this.tuneAhead = options.tuning
      ? new TuneAhead({
          ...options.tuning,
          emit: (event) => this.emit(event),
          rebuild: (backend, desc) => this.rebuildTuned(backend, desc),
        })
      : null;
    this.selector = new BackendSelector({
      ...options,
      onDeviceLost: (reason) => void this.moves.recover(reason),
      onGpuError: (message) => this.fail(new Error(tr('training:backend.gpuError', { message }))),
    });
    this.measureAhead = new MeasureAhead(
      this.selector,
      { decide: (desc) => this.measuredAhead(desc), fail: (error) => this.fail(error) },
      this.options.measureAfterMs,
    );
    this.moves = new BackendMoves(s, this.selector, {
      emit,
      stop: () => this.run.stop(),
      start: () => this.run.start(),
      sessions: () => ({ generative: this.generative, dense: this.dense }),
      build: (state) => this.build(state),
      disposed: () => this.disposed,
    });
  }

  /** Handles requests one at a time, in arrival order; failures become `error` events. */
  handle(request: TrainerRequest): Promise<void> {
    // At once, not queued behind a long request: later messages are written in the reader's language.
    if (request.type === 'setLanguage') {
      this.language = setLanguage(request.language)
        .then(() => this.retellBackend())
        .catch((error: unknown) => this.fail(error));
      return this.language;
    }
    // A run about to train stops a measurement at once, not when its turn in the queue comes.
    if (trains(request)) this.measureAhead.stop();
    // The page's first dataset streams in while the backend opens (nothing trains before there is one, and
    // the backend takes the images in so far when it is attached), not after: opening it can take a while.
    if (request.type === 'loadDataset' && this.current.backend === null) return this.dispatch(request);
    // A request after a switch waits for the language's catalogue, so its messages are in it.
    const language = this.language;
    this.queue = this.queue
      .then(() => language)
      .then(() => this.dispatch(request))
      .catch((error: unknown) => this.fail(error));
    // The dataset's stream waits while the first backend opens (see DatasetRequests).
    if (request.type === 'init') {
      const opening: Promise<void> = this.queue.finally(() => {
        if (this.opening === opening) this.opening = null;
      });
      this.opening = opening;
    }
    return this.queue;
  }

  /** The backend's reason in the language just set (the page shows it under the backend). */
  private retellBackend(): void {
    const ready = this.selector.retold();
    if (ready)
      this.emit({ type: 'backendReason', fallbackReason: ready.fallbackReason, choice: ready.choice });
  }

  private async dispatch(request: Exclude<TrainerRequest, { type: 'setLanguage' }>): Promise<void> {
    if (this.disposed) return;
    switch (request.type) {
      case 'init':
        return this.moves.init(Boolean(request.forceCpu), request.backend);
      case 'setBackend':
        return this.moves.setBackend(request.backend);
      case 'loadDataset':
        // Streams in the background, so training can start on the images already in.
        void this.datasets.load(request.id, request.baseUrl);
        return;
      case 'useDataset':
        return this.datasets.use(request.data);
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
        return this.readouts.evaluate();
      case 'examples':
        return this.readouts.examples(request);
      case 'predict':
        return this.readouts.predict(request.id, request.image);
      case 'snapshot':
        return this.readouts.snapshot(request.id, request.what, request.image);
      case 'setWeights':
        return this.setWeights(request.id, request.layers);
      case 'inspect':
        return answer(this.emit, request.id, async () =>
          this.emit({
            type: 'inspected',
            id: request.id,
            result: await this.inspector.answer(request.query),
          }),
        );
      case 'generative':
        return this.generative.handle(request.request);
      case 'watchActivations':
        return this.live.watch(request.image, request.everyMs, request.channels);
      case 'dense':
        return this.dense.handle(request.request);
      case 'destroyDeviceForTest':
        if (!this.current.backend?.destroyDevice)
          throw new Error('destroyDeviceForTest needs the WebGPU backend');
        this.current.backend.destroyDevice();
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
    this.current.state = state;
    this.emit(reason === undefined ? { type: 'state', state } : { type: 'state', state, reason });
  }

  private async setSpec(spec: NetworkSpec): Promise<void> {
    const s = this.current;
    await this.run.stop();
    const desc = describeSpec(spec, s.hyper.batchSize, s.backend?.maxBufferBytes);
    // On a software WebGPU adapter, each design trains where it measured faster.
    const chosen: Selected | null = await this.selector.forDesign(desc, s.hyper);
    s.spec = spec;
    s.desc = desc;
    this.rewind();
    if (chosen && chosen.backend !== s.backend) await this.moves.switchTo(chosen.backend);
    else this.build();
    if (chosen) this.emit(chosen.ready);
    this.setState('idle');
  }

  private async setHyper(hyper: Hyperparams): Promise<void> {
    const s = this.current;
    const problem = validateHyper(hyper, 'classification').find((i) => i.severity === 'error');
    if (problem) throw new Error(tr('training:hyperRefused', { message: problem.message }));
    const previous = s.hyper;
    s.hyper = { ...hyper };
    // A new batch size re-plans every op, and label smoothing the loss kernel.
    const rebuild =
      hyper.batchSize !== previous.batchSize || hyper.labelSmoothing !== previous.labelSmoothing;
    if (!s.backend || !s.desc) return;
    if (hyper.seed !== previous.seed && s.step === 0 && this.weightsFromSeed) {
      // Nothing trained yet: the next run starts from the new seed's weights, as a link with it would.
      this.rewind();
      this.build();
    } else if (rebuild) {
      // The weights and the run's position carry over.
      const wasTraining = s.state === 'training';
      await this.run.stop();
      const state = await s.backend.readState();
      if (s.schedule) s.schedule = new EpochSchedule(s.hyper.seed, hyper.batchSize);
      this.build(state);
      if (wasTraining) await this.run.start();
    } else s.backend.setHyper(s.hyper);
    if (s.state === 'done' && completedEpochs(this.current) < s.hyper.epochs) this.setState('paused');
  }

  /** Checks every tensor before touching the model, so a refusal changes nothing. */
  private async setWeights(id: number, layers: LayerSnapshot[]): Promise<void> {
    const s = this.current;
    await answer(this.emit, id, async () => {
      if (!s.backend || !s.desc) throw new Error(tr('training:noNetwork.loadWeights'));
      const state = stateFromSnapshot(s.desc, layers);
      const wasTraining = s.state === 'training';
      await this.run.stop();
      const largest = Math.max(largestMagnitude(state.params), largestMagnitude(state.buffers));
      s.loadedLargest = largest > ABSURD_WEIGHT ? largest : null;
      s.backend.writeState(state);
      this.weightsFromSeed = false;
      this.run.stateWritten();
      s.lastGood = checkpointHere(s, state);
      this.emit({ type: 'weightsSet', id });
      if (wasTraining) await this.run.start();
    });
  }

  private async reset(): Promise<void> {
    await this.run.stop();
    if (!this.current.desc) throw new Error(tr('training:noNetwork.reset'));
    this.rewind();
    this.build();
    this.setState('idle');
  }

  /** Back to step 0: no schedule, no kept weights, no replay history. */
  private rewind(): void {
    Object.assign(this.current, { step: 0, schedule: null, lastGood: null, loadedLargest: null });
    this.inspector.clear();
  }

  /** Builds the model on the current backend from `state`, or from the seed. */
  build(state?: ModelState): void {
    const s = this.current;
    if (!s.backend || !s.desc) return;
    const init = state ?? initialState(s.desc, seededRandom(s.hyper.seed));
    s.backend.build(s.desc, s.hyper, init);
    this.weightsFromSeed = state === undefined;
    s.lastGood ??= checkpointHere(s, init);
    this.run.modelBuilt();
    this.tuneAhead?.designBuilt(s.backend, s.desc, s.hyper);
    this.measureAhead.designBuilt(s.desc, s.hyper);
    this.emit({
      type: 'modelReady',
      parameterCount: s.desc.parameterCount,
      gpuBytes: s.backend.bytes(),
      datasetBytes: s.backend.datasetBytes(),
    });
  }

  /** One run trains at a time on the device: the others, if training, pause first (see exclusive-runs). */
  makeRoomFor(starting: RunName): Promise<void> {
    const training = this.current.state === 'training';
    const classifier = {
      name: tr('training:runName.classifier'),
      training,
      pause: (t: string) => this.run.pause(t),
    };
    return makeRoom(starting, this.emit, { classifier, ...sessionSlots(this.generative, this.dense) });
  }

  /** After tuning: the same design on the same backend, not training, is rebuilt with its weights kept. */
  private rebuildTuned(backend: TrainerBackend, desc: ModelDescription): Promise<void> {
    const s = this.current;
    this.queue = this.queue.then(async () => {
      if (s.backend !== backend || s.desc !== desc || s.state === 'training' || this.disposed) return;
      this.build(await backend.readState());
    });
    return this.queue;
  }

  /**
   * After a measurement taken while idle: the design trains where it measured faster, with its weights
   * and step, if it is still the design and nothing trains.
   */
  private measuredAhead(desc: ModelDescription): Promise<void> {
    const s = this.current;
    const busy = () =>
      s.state === 'training' ||
      this.generative.state === 'training' ||
      this.dense.state === 'training' ||
      this.disposed;
    this.queue = this.queue
      .then(async () => {
        if (s.desc !== desc || !s.backend || busy()) return;
        const chosen = await this.selector.forDesign(desc, s.hyper);
        if (!chosen || s.desc !== desc || busy()) return;
        if (chosen.backend !== s.backend) {
          const kept = s.step > 0 || !this.weightsFromSeed;
          await this.moves.switchTo(chosen.backend, kept ? await s.backend.readState() : undefined);
        }
        this.emit(chosen.ready);
      })
      .catch((error: unknown) => this.fail(error));
    return this.queue;
  }

  private async dispose(): Promise<void> {
    const s = this.current;
    this.tuneAhead?.stop();
    this.measureAhead.stop();
    this.datasets.abort();
    await this.run.stop();
    await this.generative.dispose();
    await this.dense.dispose();
    this.disposed = true;
    const backend = s.backend;
    s.backend = null;
    backend?.destroy();
    this.selector.dispose();
  }
}
