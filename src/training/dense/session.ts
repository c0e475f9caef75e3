// The worker side of the dense tasks: builds a segmentation or detection network on the trainer's backend,
// trains it on scenes drawn on the fly from the loaded dataset (training scenes 0, 1, 2, ... of the seed,
// each step the next batch), and reports the loss, test figures (mean IoU and pixel accuracy, or mAP at
// IoU 0.5) and test scenes with the network's answers. TrainerCore forwards to it.
import { tr } from '../../i18n';
import {
  TEST_SCENE_SEED,
  renderScene,
  sceneOptionProblems,
  type SceneOptions,
  type SceneSource,
} from '../../data/scenes';
import type { CpuOps } from '../../engine/cpu-ops';
import type { HostDataset, ModelState, TrainerBackend } from '../backend';
import { snapshotFromState, stateFromSnapshot } from '../load-weights';
import type { LayerSnapshot } from '../snapshot';
import { sceneBatch, type SceneStream } from './batches';
import { buildDense, type BuiltDense } from './build';
import { detectionFigures, detectionsOf, segmentationFigures } from './metrics';
import type { DenseAnswers, DenseEvent, DenseRequest, DenseState, SceneSet } from './types';
import type { Hyperparams } from '../../network/hyper';
import type { NetworkSpec } from '../../network/spec';
import type { DenseTask } from '../../network/dense';
import { explainedByLoss } from '../loss-explains';

export interface DenseHost {
  backend(): TrainerBackend | null;
  data(): HostDataset;
  emit(event: DenseEvent): void;
  /** True while the trainer rebuilds after a lost device (the old device's failures are expected then). */
  recovering(): boolean;
  /** Called before the run starts training: the trainer pauses any other run that is training. */
  makeRoom(): Promise<void>;
  /** Minimum time between host copies of good weights (what a lost device is rebuilt from). */
  snapshotEveryMs(): number;
  /** CPU kernels of the trainer's current CPU kind, for a CPU backend (default the reference TypeScript). */
  cpuOps?(): Promise<CpuOps>;
}

export interface DenseSessionOptions {
  /** Steps between loss reports. */
  reportEvery: number;
  /** Test scenes of each evaluation, and the least time between evaluations while training. */
  testScenes: number;
  evaluateEveryMs: number;
  /** Test scenes shown with the network's answers. */
  previews: number;
}

export const DEFAULT_DENSE_OPTIONS: DenseSessionOptions = {
  reportEvery: 5,
  testScenes: 64,
  evaluateEveryMs: 8000,
  previews: 6,
};

const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class DenseSession {
  state: DenseState = 'idle';
  step = 0;
  private built: BuiltDense | null = null;
  private last: { spec: NetworkSpec; hyper: Hyperparams } | null = null;
  private loop: Promise<void> | null = null;
  private evaluatedAt = -Infinity;
  private reportedAt = 0;
  private resumeAfterLoss = false;
  /** The last weights known to be finite, on the host, and their step: a lost device is rebuilt from them. */
  lastGood: { state: ModelState; step: number } | null = null;
  private keptAt = -Infinity;

  constructor(
    private readonly host: DenseHost,
    private readonly options: DenseSessionOptions = DEFAULT_DENSE_OPTIONS,
  ) {}

  /** The built network's task, or null before the first build. */
  get task(): DenseTask | null {
    return this.built?.layout.task ?? null;
  }

  async handle(request: DenseRequest): Promise<void> {
    try {
      switch (request.kind) {
        case 'set':
          await this.stop();
          this.last = { spec: request.spec, hyper: request.hyper };
          return await this.build();
        case 'start':
          return await this.start();
        case 'pause':
          await this.stop();
          this.setState('paused');
          // The figures and previews then show the weights the run paused at.
          return await this.evaluate();
        case 'reset':
          await this.stop();
          return await this.build();
        case 'scenes': {
          const { id, split, start, count, side, scene, seed } = request;
          const set = this.sceneSet({ size: side, ...scene }, seed, split, start, count);
          return this.host.emit({ kind: 'scenes', id, ...set });
        }
        case 'predict': {
          const built = this.need();
          const side = built.layout.side;
          if (request.image.length !== side * side)
            throw new Error(
              tr('training:dense.sceneSize', { side, pixels: side * side, got: request.image.length }),
            );
          return this.host.emit({
            kind: 'predicted',
            id: request.id,
            ...(await this.answer(request.image, 1)),
          });
        }
        case 'activations': {
          const built = this.need();
          const image =
            request.image ?? sceneBatch(this.stream(), built.layout, 'test', request.index ?? 0, 1).inputs;
          const values = await built.engine.activations(image);
          const shapes = built.engine.desc.layers.map((p) => [...p.outShape]);
          return this.host.emit({ kind: 'activations', id: request.id, shapes, values });
        }
        case 'readWeights': {
          const built = this.need();
          const layers = snapshotFromState(built.engine.desc, await built.engine.readState());
          return this.host.emit({ kind: 'weights', id: request.id, layers });
        }
        case 'setWeights':
          await this.writeWeights(request.layers);
          this.host.emit({ kind: 'weightsSet', id: request.id });
          return await this.evaluate();
      }
    } catch (error) {
      const id = 'id' in request ? request.id : undefined;
      this.host.emit({ kind: 'failed', id, message: message(error) });
    }
  }

  private need(): BuiltDense {
    if (!this.built) throw new Error(tr('training:dense.none'));
    return this.built;
  }

  private setState(state: DenseState, reason?: string): void {
    this.state = state;
    this.host.emit(reason ? { kind: 'state', state, reason } : { kind: 'state', state });
  }

  /** Scenes need every image of a split: a scene picks its digits from the whole split. */
  private source(split: 'train' | 'test'): SceneSource {
    const s = this.host.data()[split];
    if (s.capacity === 0 || s.available < s.capacity)
      throw new Error(tr('training:dense.loading', { split: tr(`training:dense.split.${split}`) }));
    return { images: s.images, labels: s.labels, count: s.available };
  }

  private stream(): SceneStream {
    const built = this.need();
    return { source: (split) => this.source(split), options: built.scene, seed: this.last!.hyper.seed };
  }

  private sceneSet(
    options: SceneOptions,
    trainSeed: number,
    split: 'train' | 'test',
    start: number,
    count: number,
  ): SceneSet {
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1 || count > 64)
      throw new Error(tr('training:dense.range', { start, n: count }));
    const problems = sceneOptionProblems(options);
    if (problems.length > 0)
      throw new Error(tr('training:dense.cannotDraw', { problems: problems.join('; ') }));
    const side = options.size;
    const images = new Uint8Array(count * side * side);
    const masks = new Uint8Array(count * side * side);
    const boxes: SceneSet['boxes'] = [];
    const source = this.source(split);
    const seed = split === 'test' ? TEST_SCENE_SEED : trainSeed;
    for (let i = 0; i < count; i++) {
      const scene = renderScene(source, options, seed, split, start + i);
      images.set(scene.image, i * side * side);
      masks.set(scene.mask, i * side * side);
      boxes.push(scene.boxes.map((b) => ({ ...b })));
    }
    return { side, images, masks, boxes };
  }

  /** The network's answers for `count` scenes of pixels in 0..1. */
  private async answer(inputs: Float32Array, count: number): Promise<DenseAnswers> {
    const built = this.need();
    if (built.layout.task === 'segmentation') {
      const r = await built.engine.segment(inputs, null, count, count);
      return { maps: r.predicted };
    }
    const decoded = await built.engine.detect(inputs, count);
    const cells = built.layout.grid * built.layout.grid;
    return { detections: Array.from({ length: count }, (_, i) => detectionsOf(decoded, i, cells)) };
  }

  /** Builds the network from the seed, or from `from` (weights and their step) when given. */
  private async build(from?: { state: ModelState; step: number }): Promise<void> {
    this.destroyBuilt();
    this.step = from?.step ?? 0;
    this.lastGood = from ?? null;
    const backend = this.host.backend();
    if (!backend || !this.last) throw new Error(tr('training:generative.notReady'));
    const built = await buildDense(backend, this.last.spec, this.last.hyper, this.host.cpuOps);
    if (from) built.engine.writeState(from.state);
    this.built = built;
    this.host.emit({
      kind: 'ready',
      task: built.layout.task,
      side: built.layout.side,
      stride: built.stride,
      parameterCount: built.engine.desc.parameterCount,
      step: this.step,
    });
    if (!from) this.setState('idle');
    // The network's figures and previews, once the scenes can be drawn.
    if (this.scenesReady()) await this.evaluate();
  }

  private scenesReady(): boolean {
    const { train, test } = this.host.data();
    return train.capacity > 0 && train.available === train.capacity && test.available === test.capacity;
  }

  private async writeWeights(layers: LayerSnapshot[]): Promise<void> {
    const built = this.need();
    const state = stateFromSnapshot(built.engine.desc, layers);
    const wasTraining = this.state === 'training';
    await this.stop();
    built.engine.writeState(state);
    if (wasTraining) await this.start();
  }

  /** Pauses a training run and tells the page why (another run is starting). */
  async pause(reason: string): Promise<void> {
    if (this.state !== 'training') return;
    await this.stop();
    this.setState('paused', reason);
  }

  private async start(): Promise<void> {
    if (this.loop) return;
    const built = this.need();
    this.source('train');
    await this.host.makeRoom();
    this.setState('training');
    this.reportedAt = performance.now();
    const backend = this.host.backend();
    this.loop = this.train(built)
      .catch(async (error: unknown) => {
        // A lost device fails the loop's reads; the trainer's recovery rebuilds the run and restarts it.
        if (await explainedByLoss(backend, () => this.host.recovering())) return;
        this.setState('paused', tr('training:stoppedOnError'));
        this.host.emit({ kind: 'failed', message: message(error) });
      })
      .finally(() => (this.loop = null));
  }

  private async stop(): Promise<void> {
    if (this.state === 'training') this.state = 'paused';
    await this.loop;
  }

  private async train(built: BuiltDense): Promise<void> {
    const stream = this.stream();
    const B = built.engine.batch;
    while (this.state === 'training' && this.built === built) {
      built.engine.step(sceneBatch(stream, built.layout, 'train', this.step * B, B), this.step);
      this.step += 1;
      if (this.step % this.options.reportEvery === 0) {
        await this.report(built);
        if (performance.now() - this.evaluatedAt >= this.options.evaluateEveryMs) await this.evaluate();
      }
      await built.engine.settle();
      await yieldTurn();
    }
  }

  private async report(built: BuiltDense): Promise<void> {
    const sums = await built.engine.takeSums();
    const now = performance.now();
    const loss = sums.loss / sums.samples;
    const scenesPerSecond = (sums.samples / Math.max(now - this.reportedAt, 1)) * 1000;
    this.reportedAt = now;
    this.host.emit({ kind: 'metrics', step: this.step, loss, scenesPerSecond });
    // The loop ends at its next check (stop() here would wait for the loop itself).
    if (!Number.isFinite(loss)) this.setState('paused', tr('training:lossNaN'));
    else this.keepGood(built);
  }

  /** A host copy of the weights after the steps so far (at most once per snapshotEveryMs), kept if finite. */
  private keepGood(built: BuiltDense): void {
    const now = performance.now();
    if (now - this.keptAt < this.host.snapshotEveryMs()) return;
    this.keptAt = now;
    const step = this.step;
    void built.engine.readState().then(
      (state) => {
        const finite = state.params.every(Number.isFinite) && state.buffers.every(Number.isFinite);
        if (built === this.built && finite) this.lastGood = { state, step };
      },
      () => undefined,
    );
  }

  /** Test figures over the first testScenes test scenes, then previews of the first few with the answers. */
  async evaluate(): Promise<void> {
    const built = this.built;
    if (!built) return;
    this.evaluatedAt = performance.now();
    const { layout, engine } = built;
    const count = this.options.testScenes;
    const test = sceneBatch(this.stream(), layout, 'test', 0, count);
    const step = this.step;
    const shown = Math.min(this.options.previews, count);
    let answers: DenseAnswers;
    if (layout.task === 'segmentation') {
      const r = await engine.segment(test.inputs, test.labels!, count, shown);
      const f = segmentationFigures(r.confusion, engine.desc.outputShape[0]);
      this.host.emit({ kind: 'evaluation', step, scenes: count, ...f });
      answers = { maps: r.predicted };
    } else {
      const decoded = await engine.detect(test.inputs, count);
      const cells = layout.grid * layout.grid;
      const detections = test.scenes.map((_, i) => detectionsOf(decoded, i, cells));
      const f = detectionFigures(
        detections,
        test.scenes.map((s) => s.boxes),
        10,
      );
      this.host.emit({ kind: 'evaluation', step, scenes: count, classAP: f.classAP, meanAP: f.meanAP });
      answers = { detections: detections.slice(0, shown) };
    }
    const side = layout.side;
    const pixels = side * side;
    const images = new Uint8Array(shown * pixels);
    const masks = new Uint8Array(shown * pixels);
    test.scenes.slice(0, shown).forEach((s, i) => {
      images.set(s.image, i * pixels);
      masks.set(s.mask, i * pixels);
    });
    const boxes = test.scenes.slice(0, shown).map((s) => s.boxes);
    this.host.emit({ kind: 'previews', step, side, images, masks, boxes, ...answers });
  }

  /**
   * Before the network leaves its device: stops the loop and drops the engine. After a lost device the loop's
   * failures are the loss's; on a backend change (`exact`) the device still answers, so the weights of the
   * very step the run stopped at become the ones it is rebuilt from.
   */
  async suspend(exact = false): Promise<void> {
    this.resumeAfterLoss = this.state === 'training';
    await this.stop();
    if (exact && this.built) {
      const state = await this.built.engine.readState();
      if (state.params.every(Number.isFinite) && state.buffers.every(Number.isFinite))
        this.lastGood = { state, step: this.step };
    }
    this.destroyBuilt();
  }

  /**
   * Rebuilds the network on the trainer's new backend from the last good weights (the seeded ones if none
   * were kept yet) and goes on from their step: step k always trains on the same scenes, so the run repeats
   * exactly what it would have done from there.
   */
  async rebuildAfterLoss(why = tr('training:deviceLost')): Promise<void> {
    const resume = this.resumeAfterLoss;
    const good = this.lastGood;
    this.resumeAfterLoss = false;
    if (!this.last) return;
    try {
      await this.build(good ?? undefined);
      const reason = tr('training:rebuiltNetwork', { why, step: this.step });
      this.setState(this.step > 0 ? 'paused' : 'idle', reason);
      if (resume) await this.start();
    } catch (error) {
      this.host.emit({ kind: 'failed', message: message(error) });
    }
  }

  private destroyBuilt(): void {
    this.built?.engine.destroy();
    this.built = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.destroyBuilt();
  }
}
