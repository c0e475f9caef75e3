// The training loop and everything that reads results back: metrics reports (without stalling the loop),
// divergence detection, evaluation with its gallery, predictions and snapshots.
import type { Checkpoint, HostDataset, TrainSums } from './backend';
import type { TrainerCore } from './core';
import type { GalleryItem, LayerSnapshot, SnapshotKind, TrainerRequest } from './protocol';
import { LossWatch } from './loss-watch';
import {
  argmaxRow,
  CLASSES,
  divergenceMessage,
  evaluationReport,
  explosionMessage,
  softmaxRow,
  summariseLogits,
  Throughput,
} from './reports';
import { normalise } from './normalisation';
import { EpochSchedule, type SchedulePosition } from './schedule';
import { SampleClock, sampleIndices } from './test-sample';

/** One macrotask turn, so requests (pause, predict) are handled between steps. */
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Most examples of a confusion-matrix cell sent at once. */
const MAX_EXAMPLES = 100;

/** Least time between progress events while training: the page's step counter reads live, no faster. */
const PROGRESS_EVERY_MS = 50;

export class TrainingRun {
  private loop: Promise<void> | null = null;
  private reports: Promise<void> = Promise.resolve();
  private readonly throughput = new Throughput();
  private gallery: number[] = [];
  private lastSnapshotAt = -Infinity;
  private lastProgressAt = -Infinity;
  /** When the test sample is next evaluated while training. */
  private readonly sampleClock: SampleClock;
  /** The last full evaluation's logits, for the examples of a confusion-matrix cell. */
  private evaluated: { data: HostDataset; step: number; count: number; logits: Float32Array } | null = null;
  /** The test sample of the loaded dataset (records and their labels), made when first evaluated. */
  private sample: { data: HostDataset; indices: Uint32Array; labels: Uint8Array } | null = null;
  /** The steps (and schedule positions) whose weights the backend's candidate and good copies hold. */
  private candidate: Omit<Checkpoint, 'state'> = { step: 0, position: null };
  private good: Omit<Checkpoint, 'state'> = { step: 0, position: null };
  /** Divergence without NaN: a loss far above its start for a sustained stretch (a fresh run starts at ln 10). */
  private readonly watch = new LossWatch(Math.log(CLASSES));
  /** The step of the last report taken; steps after it are not yet reported. */
  private reportedStep = 0;

  constructor(private readonly core: TrainerCore) {
    this.sampleClock = new SampleClock(core.options.testSampleEveryMs, core.options.testSampleBudget);
  }

  modelBuilt(): void {
    this.reports = Promise.resolve();
    this.stateWritten();
  }

  /** The backend's weights (and both of its copies) were just written: they belong to the current step. */
  stateWritten(): void {
    this.candidate = this.here();
    this.good = this.candidate;
    this.reportedStep = this.core.step;
    this.watch.restart();
  }

  /** The current step and where the schedule stands after it. */
  private here(): Omit<Checkpoint, 'state'> {
    return { step: this.core.step, position: this.core.schedule?.position() ?? null };
  }

  completedEpochs(): number {
    const s = this.core.schedule;
    return s ? s.epoch + (s.epochEnded ? 1 : 0) : 0;
  }

  private ready(): boolean {
    const { core } = this;
    if (!core.backend || !core.desc) throw new Error('there is no network to train: set a spec first');
    if (core.data.train.available < core.hyper.batchSize) {
      throw new Error(
        `only ${core.data.train.available} training images are loaded, fewer than one batch of ${core.hyper.batchSize}: load the dataset first`,
      );
    }
    return true;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.ready();
    if (this.completedEpochs() >= this.core.hyper.epochs) {
      throw new Error(
        `training finished its ${plural(this.core.hyper.epochs, 'epoch')}: raise epochs or press Reset`,
      );
    }
    await this.core.makeRoomFor('classifier');
    this.core.setState('training');
    this.throughput.restart();
    this.loop = this.train().finally(() => (this.loop = null));
  }

  /** `reason` tells the page why, when it was not the user's pause. */
  async pause(reason?: string): Promise<void> {
    if (this.core.state !== 'training') return;
    // The loop stops on the state; the page hears 'paused' once the step it shows is final.
    await this.stop();
    await this.settle();
    // Read again: the final report may have found the run diverged.
    if (!this.isDiverged()) this.core.setState('paused', reason);
  }

  private isDiverged(): boolean {
    return this.core.state === 'diverged';
  }

  /**
   * After a pause or a single step: the steps not yet reported are reported (so the page shows the step the
   * model is at), and weights checked finite on the host become the copy a lost device is rebuilt from, so
   * a device lost while paused neither rewinds the step count nor leaves the page showing a stale one.
   */
  private async settle(): Promise<void> {
    const { core } = this;
    if (!core.backend || core.isRecovering) return;
    if (core.step > this.reportedStep) {
      this.report();
      await this.reports.catch(() => undefined);
    }
    const backend = core.backend;
    if (core.state === 'diverged' || !backend) return;
    const at = this.here();
    try {
      const state = await backend.readState();
      if (backend === core.backend && core.step === at.step && finite(state))
        core.lastGood = { state, ...at };
    } catch {
      // A device lost meanwhile: its recovery rebuilds from the copy kept before.
    }
  }

  /** Ends the loop (if running) and waits for it and for outstanding reports. */
  async stop(): Promise<void> {
    if (this.core.state === 'training') this.core.state = 'paused';
    await this.loop;
    await this.reports.catch(() => undefined);
  }

  async stepOnce(): Promise<void> {
    if (this.loop) return;
    this.ready();
    await this.core.makeRoomFor('classifier');
    this.throughput.restart();
    this.takeStep();
    this.progress(true);
    this.report();
    await this.reports;
    if (this.core.state !== 'diverged') this.core.setState('paused');
    await this.settle();
  }

  private takeStep(): boolean {
    const { core } = this;
    const backend = core.backend!;
    core.schedule ??= new EpochSchedule(core.hyper.seed, core.hyper.batchSize);
    const start = core.schedule.next(core.data.train.available);
    if (start === null) return false;
    if (core.schedule.orderChanged) {
      backend.setOrder(core.schedule.order);
      core.schedule.orderChanged = false;
    }
    backend.step(start, core.step);
    core.step += 1;
    core.inspector.afterStep();
    this.throughput.add(1, core.hyper.batchSize);
    return true;
  }

  /** The loop; it handles its own failure, so `loop` never rejects. */
  private async train(): Promise<void> {
    const { core } = this;
    // Wall time of training since `tick`: what the test sample's clock counts.
    let tick = performance.now();
    try {
      while (core.state === 'training' && core.backend) {
        if (!this.takeStep()) break;
        this.progress(false);
        // The first step is reported at once too: its loss is on screen as soon as it is read back.
        if (core.step % core.options.reportEvery === 0 || core.step === 1) this.report();
        const schedule = core.schedule!;
        if (schedule.epochEnded) {
          if (core.step % core.options.reportEvery !== 0 && core.step !== 1) this.report();
          await this.reports;
          if (core.state !== 'training') break;
          await this.evaluate();
          tick = performance.now();
          if (this.completedEpochs() >= core.hyper.epochs) {
            // Before the state changes, so a request the page sends on 'done' finds the loop ended.
            await this.settle();
            core.setState('done', `finished ${plural(core.hyper.epochs, 'epoch')}`);
            break;
          }
        }
        await core.backend.settle();
        await yieldTurn();
        const now = performance.now();
        const trained = now - tick;
        if (this.sampleClock.tick(trained) && core.state === 'training') {
          await this.evaluateSample();
          tick = performance.now();
        } else tick = now;
        // The watched activations' own time is not training time either.
        if (core.state === 'training' && (await core.live.tick(trained))) tick = performance.now();
      }
    } catch (error) {
      // A lost device fails the loop's waits (AbortError); the recovery restarts it on the new device.
      if (core.isRecovering) return;
      core.setState('paused', 'training stopped on an error');
      core.fail(error);
    }
    // The steps since the last progress event, so a paused run shows its true count.
    this.progress(true);
  }

  /** Tells the page the step count (at most every PROGRESS_EVERY_MS unless `now`). */
  private progress(now: boolean): void {
    const { core } = this;
    const time = performance.now();
    if (!now && time - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = time;
    const epoch = core.schedule?.epoch ?? 0;
    core.emit({ type: 'progress', step: core.step, epoch, epochProgress: core.schedule?.progress ?? 0 });
  }

  /** Takes the sums now (their coverage is exact) and handles them when they arrive, in order. */
  private report(): void {
    const { core } = this;
    const backend = core.backend!;
    const sums = backend.takeSums();
    this.reportedStep = core.step;
    // It can reject (device lost) while an earlier report is still awaited, before the chain below
    // awaits it: mark it handled now; the chain still sees the rejection.
    sums.catch(() => undefined);
    const at = { step: core.step, epoch: core.schedule!.epoch, progress: core.schedule!.progress };
    const previous = this.reports;
    this.reports = (async () => {
      await previous;
      this.onSums(await sums, at);
    })();
    this.reports.catch((error: unknown) => {
      if (!core.isRecovering) core.fail(error);
    });
  }

  private onSums(sums: TrainSums, at: { step: number; epoch: number; progress: number }): void {
    const { core } = this;
    if (core.state === 'diverged' || sums.samples === 0) return;
    const loss = sums.loss / sums.samples;
    const cause = { lr: core.hyper.lr, loadedLargest: core.loadedLargest };
    if (sums.nonFinite > 0 || !Number.isFinite(loss)) {
      const value = Number.isFinite(loss) ? NaN : loss;
      this.diverge(at.step, divergenceMessage(at.step, cause.lr, 'loss', value, cause.loadedLargest));
      return;
    }
    const explosion = this.watch.observe(loss, sums.steps);
    const { imagesPerSecond, stepMs } = this.throughput.read();
    core.emit({
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
    // The candidate becomes good and is re-taken from the weights after every step submitted so far.
    const good = this.candidate;
    core.backend!.keepGoodState();
    this.good = good;
    this.candidate = this.here();
    const now = performance.now();
    if (now - this.lastSnapshotAt >= core.options.snapshotEveryMs) {
      this.lastSnapshotAt = now;
      // Never over a newer copy (one taken at a pause may arrive first).
      void core.backend!.readGoodState().then(
        (state) => state && (core.lastGood?.step ?? -1) < good.step && (core.lastGood = { state, ...good }),
        () => undefined,
      );
    }
  }

  /** Restores the good copy and rewinds the step count and the schedule to it; `step` is where it was seen. */
  private diverge(step: number, message: string): void {
    const { core } = this;
    core.backend!.restoreGoodState();
    core.step = this.good.step;
    core.schedule = resumeSchedule(core, this.good.position);
    this.candidate = this.good;
    this.reportedStep = core.step;
    this.watch.restart();
    core.setState('diverged', message);
    core.emit({ type: 'diverged', message, step });
  }

  /**
   * Evaluates the fixed test sample (once the test split is complete) and reports its loss and accuracy.
   * The steps still in flight finish first: that time is training's, and only the evaluation's own time
   * sets the clock's next gap.
   */
  private async evaluateSample(): Promise<void> {
    const { core } = this;
    const backend = core.backend!;
    const test = core.data.test;
    if (core.options.testSampleSize <= 0 || test.capacity === 0 || test.available < test.capacity) return;
    if (this.sample?.data !== core.data) {
      const indices = sampleIndices(test.capacity, core.options.testSampleSize);
      const labels = Uint8Array.from(indices, (i) => test.labels[i]);
      this.sample = { data: core.data, indices, labels };
    }
    const { indices, labels } = this.sample;
    await backend.settle(0);
    const at = { step: core.step, epoch: core.schedule!.epoch, epochProgress: core.schedule!.progress };
    const t0 = performance.now();
    const logits = await backend.evaluateSample(indices);
    const summary = summariseLogits(logits, labels, indices.length);
    this.sampleClock.evaluated(performance.now() - t0);
    // A diverging run's loss is reported by the divergence check, not plotted.
    if (!Number.isFinite(summary.loss)) return;
    core.emit({
      type: 'testSample',
      ...at,
      testLoss: summary.loss,
      testAccuracy: summary.accuracy,
      images: indices.length,
    });
  }

  /** Evenly spaced test images, fixed for the dataset, so the gallery shows the same images each time. */
  chooseGallery(): void {
    const count = this.core.data.test.available;
    const n = Math.min(this.core.options.gallerySize, count);
    this.gallery = Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
  }

  async evaluate(): Promise<void> {
    const { core } = this;
    if (!core.backend || !core.desc) throw new Error('there is no network to evaluate: set a spec first');
    const count = core.data.test.available;
    if (count === 0) throw new Error('the test set is not loaded yet: load the dataset first');
    const logits = await core.backend.evaluate(count);
    const summary = summariseLogits(logits, core.data.test.labels, count, this.classes());
    this.evaluated = { data: core.data, step: core.step, count, logits };
    core.emit({ type: 'evaluation', ...evaluationReport(summary, this.completedEpochs(), core.step) });
    if (this.gallery.length === 0 || this.gallery[this.gallery.length - 1] >= count) this.chooseGallery();
    core.emit({ type: 'gallery', items: this.gallery.map((index) => this.galleryItem(index, logits)) });
  }

  /** Classes the current model scores (its output's length); the built-ins' 10 before there is one. */
  private classes(): number {
    return this.core.desc?.outputShape[0] ?? CLASSES;
  }

  /** Test image `index` with its prediction from `logits` (rows in test-set order). */
  private galleryItem(index: number, logits: Float32Array): GalleryItem {
    const { test, pixels } = this.core.data;
    const classes = this.classes();
    const probabilities = new Float32Array(classes);
    softmaxRow(logits, index, classes, probabilities);
    return {
      index,
      image: test.images.slice(index * pixels, (index + 1) * pixels),
      label: test.labels[index],
      predicted: argmaxRow(logits, index, classes),
      probabilities,
    };
  }

  /** A page of the test images in one confusion-matrix cell of the last full evaluation. */
  examples(request: Extract<TrainerRequest, { type: 'examples' }>): void {
    const { core } = this;
    const { id, label, predicted, offset, limit } = request;
    try {
      const whole = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;
      const classes = this.classes();
      if (!whole(label, classes - 1) || !whole(predicted, classes - 1))
        throw new Error(`a class is a whole number from 0 to ${classes - 1} (got ${label}, ${predicted})`);
      if (!whole(offset, Number.MAX_SAFE_INTEGER) || !whole(limit, MAX_EXAMPLES) || limit === 0)
        throw new Error(`asked for ${limit} examples from ${offset}: at most ${MAX_EXAMPLES} at a time`);
      const e = this.evaluated;
      if (!e || e.data !== core.data)
        throw new Error('the test set has not been evaluated yet: press Evaluate first');
      const labels = core.data.test.labels;
      const matches: number[] = [];
      for (let i = 0; i < e.count; i++)
        if (labels[i] === label && argmaxRow(e.logits, i, classes) === predicted) matches.push(i);
      const items = matches.slice(offset, offset + limit).map((index) => this.galleryItem(index, e.logits));
      core.emit({ type: 'examples', id, step: e.step, total: matches.length, offset, items });
    } catch (error) {
      core.emit({
        type: 'requestFailed',
        id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async predict(id: number, image: Float32Array): Promise<void> {
    const { core } = this;
    try {
      if (!core.backend || !core.desc)
        throw new Error('there is no network to predict with: set a spec first');
      const logits = await core.backend.predict(normalise(image), 1);
      const probabilities = new Float32Array(this.classes());
      softmaxRow(logits, 0, probabilities.length, probabilities);
      core.emit({ type: 'prediction', id, probabilities });
    } catch (error) {
      core.emit({
        type: 'requestFailed',
        id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async snapshot(id: number, what: SnapshotKind, image?: Float32Array): Promise<void> {
    const { core } = this;
    try {
      const desc = core.desc;
      if (!core.backend || !desc) throw new Error('there is no network to inspect: set a spec first');
      let layers: LayerSnapshot[];
      if (what === 'weights') {
        const state = await core.backend.readState();
        layers = desc.layers.flatMap((plan, layerIndex) => {
          const tensors = [
            ...plan.params.map((t) => ({ t, from: state.params })),
            ...plan.buffers.map((t) => ({ t, from: state.buffers })),
          ].map(({ t, from }) => ({
            name: t.name,
            shape: [...t.shape],
            data: from.slice(t.offset, t.offset + t.size),
          }));
          return tensors.length ? [{ layerIndex, kind: plan.layer.kind, tensors }] : [];
        });
      } else {
        const input = image ? normalise(image) : normalise(testImage(core, 0));
        const outputs = await core.backend.activations(input);
        layers = outputs.map((data, layerIndex) => ({
          layerIndex,
          kind: desc.layers[layerIndex].layer.kind,
          tensors: [{ name: 'output', shape: [...desc.layers[layerIndex].outShape], data }],
        }));
      }
      core.emit({ type: 'snapshot', id, what, layers });
    } catch (error) {
      core.emit({
        type: 'requestFailed',
        id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function finite(state: { params: Float32Array; buffers: Float32Array }): boolean {
  return state.params.every(Number.isFinite) && state.buffers.every(Number.isFinite);
}

/** Test image `index` as 784 values in 0..1. */
export function testImage(core: TrainerCore, index: number): Float32Array {
  const { pixels, test } = core.data;
  if (test.available <= index)
    throw new Error('the test set is not loaded yet: send an image or load the dataset');
  return Float32Array.from(test.images.subarray(index * pixels, (index + 1) * pixels), (v) => v / 255);
}

/** The schedule that goes on after `position` (null: none yet, drawn at the next step). */
export function resumeSchedule(core: TrainerCore, position: SchedulePosition | null): EpochSchedule | null {
  return position && EpochSchedule.resume(core.hyper.seed, core.hyper.batchSize, position);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
