// The classifier's training loop and what it reads back while training: metrics reports (without stalling
// the loop), divergence detection with its rewind, and the test sample's evaluations.
import { tr } from '../i18n';
import type { Checkpoint, HostDataset, TrainSums } from './backend';
import { completedEpochs, position, resumeSchedule, type CoreState, type Emit } from './core-state';
import type { TrainerState } from './protocol';
import { LossWatch } from './loss-watch';
import { CLASSES, divergenceMessage, explosionMessage, summariseLogits, Throughput } from './reports';
import { EpochSchedule } from './schedule';
import { SampleClock, sampleIndices } from './test-sample';
import { explainedByLoss } from './loss-explains';

/** What the run needs from its trainer: its settings and narrow callbacks, never the trainer itself. */
export interface RunHost {
  options: {
    reportEvery: number;
    snapshotEveryMs: number;
    testSampleSize: number;
    testSampleEveryMs: number;
    testSampleBudget: number;
  };
  emit: Emit;
  /** Sets the state and tells the page (with `reason`, when given). */
  setState(state: TrainerState, reason?: string): void;
  fail(error: unknown): void;
  /** True while the trainer rebuilds after a lost device (the old device's failures are expected then). */
  recovering(): boolean;
  /** Called before training: pauses another run (generative, dense) that is training. */
  makeRoom(): Promise<void>;
  /** Called after each optimizer step (the replay history copies weights here). */
  afterStep(): void;
  /** A full evaluation with its gallery, at each epoch's end. */
  evaluate(): Promise<void>;
  /** Adds `ms` of training to the diagram's live activations; true when they were sent (not training time). */
  liveTick(ms: number): Promise<boolean>;
}

/** One macrotask turn, so requests (pause, predict) are handled between steps. */
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How long a run that has used every image in waits for the stream's next records. */
const STREAM_WAIT_MS = 10;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Least time between progress events while training: the page's step counter reads live, no faster. */
const PROGRESS_EVERY_MS = 50;

export class TrainingRun {
  private loop: Promise<void> | null = null;
  /** Until a run just started has its first loss on the page: the dataset's stream waits meanwhile. */
  starting: Promise<void> | null = null;
  private started: (() => void) | null = null;
  private reports: Promise<void> = Promise.resolve();
  private readonly throughput = new Throughput();
  private lastSnapshotAt = -Infinity;
  private lastProgressAt = -Infinity;
  /** When the test sample is next evaluated while training. */
  private readonly sampleClock: SampleClock;
  /** The test sample of the loaded dataset (records and their labels), made when first evaluated. */
  private sample: { data: HostDataset; indices: Uint32Array; labels: Uint8Array } | null = null;
  /** The steps (and schedule positions) whose weights the backend's candidate and good copies hold. */
  private candidate: Omit<Checkpoint, 'state'> = { step: 0, position: null };
  private good: Omit<Checkpoint, 'state'> = { step: 0, position: null };
  /** Divergence without NaN: a loss far above its start for a sustained stretch (a fresh run starts at ln 10). */
  private readonly watch = new LossWatch(Math.log(CLASSES));
  /** The step of the last report taken; steps after it are not yet reported. */
  private reportedStep = 0;

  constructor(
    private readonly s: CoreState,
    private readonly host: RunHost,
  ) {
    this.sampleClock = new SampleClock(host.options.testSampleEveryMs, host.options.testSampleBudget);
  }

  modelBuilt(): void {
    this.reports = Promise.resolve();
    this.stateWritten();
  }

  /** The backend's weights (and both of its copies) were just written: they belong to the current step. */
  stateWritten(): void {
    this.candidate = position(this.s);
    this.good = this.candidate;
    this.reportedStep = this.s.step;
    this.watch.restart();
  }

  private ready(): boolean {
    const { s } = this;
    if (!s.backend || !s.desc) throw new Error(tr('training:noNetwork.train'));
    if (s.data.train.available < s.hyper.batchSize) {
      throw new Error(
        tr('training:fewImages', { available: s.data.train.available, batch: s.hyper.batchSize }),
      );
    }
    return true;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.ready();
    if (completedEpochs(this.s) >= this.s.hyper.epochs) {
      throw new Error(
        tr('training:finished', { epochs: tr('training:epochs', { count: this.s.hyper.epochs }) }),
      );
    }
    await this.host.makeRoom();
    this.host.setState('training');
    this.throughput.restart();
    this.starting = new Promise((resolve) => (this.started = resolve));
    this.loop = this.train().finally(() => {
      this.loop = null;
      this.firstShown();
    });
  }

  /** The run's first report has gone to the page (or the run ended, or waits for images). */
  private firstShown(): void {
    this.started?.();
    this.started = null;
    this.starting = null;
  }

  /** `reason` tells the page why, when it was not the user's pause. */
  async pause(reason?: string): Promise<void> {
    if (this.s.state !== 'training') return;
    // The loop stops on the state; the page hears 'paused' once the step it shows is final.
    await this.stop();
    await this.settle();
    // Read again: the final report may have found the run diverged.
    if (!this.isDiverged()) this.host.setState('paused', reason);
  }

  private isDiverged(): boolean {
    return this.s.state === 'diverged';
  }

  /**
   * After a pause or a single step: the steps not yet reported are reported (so the page shows the step the
   * model is at), and weights checked finite on the host become the copy a lost device is rebuilt from, so
   * a device lost while paused neither rewinds the step count nor leaves the page showing a stale one.
   */
  private async settle(): Promise<void> {
    const { s, host } = this;
    if (!s.backend || host.recovering()) return;
    if (s.step > this.reportedStep) {
      this.report();
      await this.reports.catch(() => undefined);
    }
    const backend = s.backend;
    if (s.state === 'diverged' || !backend) return;
    const at = position(this.s);
    try {
      const state = await backend.readState();
      if (backend === s.backend && s.step === at.step && finite(state)) s.lastGood = { state, ...at };
    } catch {
      // A device lost meanwhile: its recovery rebuilds from the copy kept before.
    }
  }

  /** Ends the loop (if running) and waits for it and for outstanding reports. */
  async stop(): Promise<void> {
    if (this.s.state === 'training') this.s.state = 'paused';
    await this.loop;
    await this.reports.catch(() => undefined);
  }

  async stepOnce(): Promise<void> {
    if (this.loop) return;
    this.ready();
    await this.host.makeRoom();
    this.throughput.restart();
    this.takeStep();
    this.progress(true);
    this.report();
    await this.reports;
    if (this.s.state !== 'diverged') this.host.setState('paused');
    await this.settle();
  }

  private takeStep(): boolean {
    const { s, host } = this;
    const backend = s.backend!;
    s.schedule ??= new EpochSchedule(s.hyper.seed, s.hyper.batchSize);
    const { train } = s.data;
    const start = s.schedule.next(train.available, s.streaming ? train.capacity : train.available);
    if (start === null) return false;
    if (s.schedule.orderChanged) {
      backend.setOrder(s.schedule.order);
      s.schedule.orderChanged = false;
    }
    backend.step(start, s.step);
    s.step += 1;
    host.afterStep();
    this.throughput.add(1, s.hyper.batchSize);
    return true;
  }

  /** The loop; it handles its own failure, so `loop` never rejects. */
  private async train(): Promise<void> {
    const { s, host } = this;
    const backend = s.backend;
    // Wall time of training since `tick`: what the test sample's clock counts.
    let tick = performance.now();
    try {
      while (s.state === 'training' && s.backend) {
        if (!this.takeStep()) {
          // The epoch has used every image in so far: more are streaming in.
          this.firstShown();
          if (!s.streaming) break;
          await wait(STREAM_WAIT_MS);
          continue;
        }
        this.progress(false);
        // The first step is reported at once too: its loss is on screen as soon as it is read back.
        if (s.step % host.options.reportEvery === 0 || s.step === 1) this.report();
        const schedule = s.schedule!;
        if (schedule.epochEnded) {
          if (s.step % host.options.reportEvery !== 0 && s.step !== 1) this.report();
          await this.reports;
          if (s.state !== 'training') break;
          await this.host.evaluate();
          tick = performance.now();
          if (completedEpochs(this.s) >= s.hyper.epochs) {
            // Before the state changes, so a request the page sends on 'done' finds the loop ended.
            await this.settle();
            host.setState(
              'done',
              tr('training:done', { epochs: tr('training:epochs', { count: s.hyper.epochs }) }),
            );
            break;
          }
        }
        await s.backend.settle();
        await yieldTurn();
        const now = performance.now();
        const trained = now - tick;
        if (this.sampleClock.tick(trained) && s.state === 'training') {
          await this.evaluateSample();
          tick = performance.now();
        } else tick = now;
        // The watched activations' own time is not training time either.
        if (s.state === 'training' && (await this.host.liveTick(trained))) tick = performance.now();
      }
    } catch (error) {
      // A lost device fails the loop's waits (AbortError); the recovery restarts it on the new device.
      if (await explainedByLoss(backend, () => host.recovering())) return;
      host.setState('paused', tr('training:stoppedOnError'));
      host.fail(error);
    }
    // The steps since the last progress event, so a paused run shows its true count.
    this.progress(true);
  }

  /** Tells the page the step count (at most every PROGRESS_EVERY_MS unless `now`). */
  private progress(now: boolean): void {
    const { s, host } = this;
    const time = performance.now();
    if (!now && time - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = time;
    const epoch = s.schedule?.epoch ?? 0;
    host.emit({ type: 'progress', step: s.step, epoch, epochProgress: s.schedule?.progress ?? 0 });
  }

  /** Takes the sums now (their coverage is exact) and handles them when they arrive, in order. */
  private report(): void {
    const { s, host } = this;
    const backend = s.backend!;
    const sums = backend.takeSums();
    this.reportedStep = s.step;
    // It can reject (device lost) while an earlier report is still awaited, before the chain below
    // awaits it: mark it handled now; the chain still sees the rejection.
    sums.catch(() => undefined);
    const at = { step: s.step, epoch: s.schedule!.epoch, progress: s.schedule!.progress };
    const previous = this.reports;
    this.reports = (async () => {
      await previous;
      this.onSums(await sums, at);
    })();
    this.reports.catch(async (error: unknown) => {
      if (!(await explainedByLoss(backend, () => host.recovering()))) host.fail(error);
    });
  }

  private onSums(sums: TrainSums, at: { step: number; epoch: number; progress: number }): void {
    const { s, host } = this;
    if (s.state === 'diverged' || sums.samples === 0) return;
    const loss = sums.loss / sums.samples;
    const cause = { lr: s.hyper.lr, loadedLargest: s.loadedLargest };
    if (sums.nonFinite > 0 || !Number.isFinite(loss)) {
      const value = Number.isFinite(loss) ? NaN : loss;
      this.diverge(at.step, divergenceMessage(at.step, cause.lr, 'loss', value, cause.loadedLargest));
      return;
    }
    const explosion = this.watch.observe(loss, sums.steps);
    const { imagesPerSecond, stepMs } = this.throughput.read();
    this.firstShown();
    host.emit({
      type: 'metrics',
      step: at.step,
      epoch: at.epoch,
      epochProgress: at.progress,
      trainLoss: loss,
      trainAccuracy: sums.correct / sums.samples,
      imagesPerSecond,
      stepMs,
    });
    if (explosion) {
      this.diverge(at.step, explosionMessage(at.step, explosion, cause));
      return;
    }
    // A report taken before the candidate was copied has not checked the candidate's last steps: it waits.
    if (at.step < this.candidate.step) return;
    // The candidate becomes good and is re-taken from the weights after every step submitted so far.
    const good = this.candidate;
    s.backend!.keepGoodState();
    this.good = good;
    this.candidate = position(this.s);
    const now = performance.now();
    if (now - this.lastSnapshotAt >= host.options.snapshotEveryMs) {
      this.lastSnapshotAt = now;
      // Never over a newer copy (one taken at a pause may arrive first).
      void s.backend!.readGoodState().then(
        (state) => state && (s.lastGood?.step ?? -1) < good.step && (s.lastGood = { state, ...good }),
        () => undefined,
      );
    }
  }

  /** Restores the good copy and rewinds the step count and the schedule to it; `step` is where it was seen. */
  private diverge(step: number, message: string): void {
    const { s, host } = this;
    s.backend!.restoreGoodState();
    s.step = this.good.step;
    s.schedule = resumeSchedule(s, this.good.position);
    this.candidate = this.good;
    this.reportedStep = s.step;
    this.watch.restart();
    host.setState('diverged', message);
    host.emit({ type: 'diverged', message, step });
  }

  /**
   * Evaluates the fixed test sample (once the test split is complete) and reports its loss and accuracy.
   * The steps still in flight finish first: that time is training's, and only the evaluation's own time
   * sets the clock's next gap.
   */
  private async evaluateSample(): Promise<void> {
    const { s, host } = this;
    const backend = s.backend!;
    const test = s.data.test;
    if (host.options.testSampleSize <= 0 || test.capacity === 0 || test.available < test.capacity) return;
    if (this.sample?.data !== s.data) {
      const indices = sampleIndices(test.capacity, host.options.testSampleSize);
      const labels = Uint8Array.from(indices, (i) => test.labels[i]);
      this.sample = { data: s.data, indices, labels };
    }
    const { indices, labels } = this.sample;
    await backend.settle(0);
    const at = { step: s.step, epoch: s.schedule!.epoch, epochProgress: s.schedule!.progress };
    const t0 = performance.now();
    const logits = await backend.evaluateSample(indices);
    const summary = summariseLogits(logits, labels, indices.length);
    this.sampleClock.evaluated(performance.now() - t0);
    // A diverging run's loss is reported by the divergence check, not plotted.
    if (!Number.isFinite(summary.loss)) return;
    host.emit({
      type: 'testSample',
      ...at,
      testLoss: summary.loss,
      testAccuracy: summary.accuracy,
      images: indices.length,
    });
  }
}

function finite(state: { params: Float32Array; buffers: Float32Array }): boolean {
  return state.params.every(Number.isFinite) && state.buffers.every(Number.isFinite);
}
