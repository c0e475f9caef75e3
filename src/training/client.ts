// TrainerClient: the page's framework-free handle on the training worker. It only sends typed requests and
// fans typed events out to subscribers; React hooks in ui/ wrap it, nothing here knows about the UI.
import { currentLanguage, FALLBACK, i18n } from '../i18n';
import type { Hyperparams } from '../network/hyper';
import type { NetworkSpec } from '../network/spec';
import {
  transferablesOf,
  type BackendPreference,
  type DatasetId,
  type EventOf,
  type LayerSnapshot,
  type SnapshotKind,
  type TrainerEvent,
  type TrainerEventType,
  type TrainerRequest,
  type UserDatasetData,
} from './protocol';
import type { GenerativeRequest } from './generative/types';
import type { DenseRequest } from './dense/types';
import type { InspectQuery, InspectResult } from './inspect/types';

/** The part of a Worker the client uses, so tests can drive a TrainerCore in-process through a MessageChannel port. */
export interface WorkerLike {
  postMessage(message: TrainerRequest, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<TrainerEvent>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<TrainerEvent>) => void): void;
  terminate?(): void;
}

type Handler<T extends TrainerEventType> = (event: EventOf<T>) => void;

/** A page of one confusion-matrix cell's test images (see `examples`). */
export type ExamplesPage = Omit<EventOf<'examples'>, 'type' | 'id'>;

interface Pending<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export class TrainerClient {
  private readonly worker: WorkerLike;
  private readonly handlers = new Map<TrainerEventType, Set<(event: TrainerEvent) => void>>();
  private readonly predictions = new Map<number, Pending<Float32Array>>();
  private readonly snapshots = new Map<number, Pending<LayerSnapshot[]>>();
  private readonly inspections = new Map<number, Pending<InspectResult>>();
  private readonly weightLoads = new Map<number, Pending<void>>();
  private readonly examplePages = new Map<number, Pending<ExamplesPage>>();
  private nextId = 1;
  private disposed = false;
  private readonly listener = (event: MessageEvent<TrainerEvent>) => this.receive(event.data);

  /**
   * Takes a worker, or a factory such as createTrainerWorker; sends `init` at once, with the backend
   * preference (default 'webgpu': WebGPU wherever a device is found).
   */
  constructor(
    worker: WorkerLike | (() => WorkerLike),
    options: { forceCpu?: boolean; backend?: BackendPreference } = {},
  ) {
    this.worker = typeof worker === 'function' ? worker() : worker;
    this.worker.addEventListener('message', this.listener);
    // The worker writes its notices and errors in the page's language (told first, so the backend's
    // reason is worded in it), and follows each switch.
    if (currentLanguage() !== FALLBACK) this.followLanguage();
    this.send({ type: 'init', forceCpu: options.forceCpu, backend: options.backend });
    i18n.on('languageChanged', this.followLanguage);
  }

  private readonly followLanguage = (): void => {
    if (!this.disposed) this.send({ type: 'setLanguage', language: currentLanguage() });
  };

  /** Moves training to the backend `preference` picks (the model carries over); answered by `ready`. */
  setBackend(preference: BackendPreference): void {
    this.send({ type: 'setBackend', backend: preference });
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<T extends TrainerEventType>(type: T, handler: Handler<T>): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    const wrapped = handler as (event: TrainerEvent) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /**
   * `baseUrl` is the data root (holding <id>/<file>.gz). A relative one is resolved here against the page,
   * because the worker would resolve it against its own script's URL.
   */
  loadDataset(id: DatasetId, baseUrl: string): void {
    const page = globalThis.location?.href;
    this.send({ type: 'loadDataset', id, baseUrl: page ? new URL(baseUrl, page).href : baseUrl });
  }

  /** The user's own images (transferred: the arrays are emptied here). */
  useDataset(data: UserDatasetData): void {
    this.send({ type: 'useDataset', data });
  }

  setSpec(spec: NetworkSpec): void {
    this.send({ type: 'setSpec', spec });
  }

  setHyper(hyper: Hyperparams): void {
    this.send({ type: 'setHyper', hyper });
  }

  start(): void {
    this.send({ type: 'start' });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  /** Continues a paused run; the same request as start. */
  resume(): void {
    this.send({ type: 'start' });
  }

  step(): void {
    this.send({ type: 'step' });
  }

  reset(): void {
    this.send({ type: 'reset' });
  }

  evaluate(): void {
    this.send({ type: 'evaluate' });
  }

  /**
   * Test images the last full evaluation put in one confusion-matrix cell (true `label`, predicted
   * `predicted`): `limit` of them (at most 100) from the `offset`-th, with the cell's total.
   */
  examples(label: number, predicted: number, offset: number, limit: number): Promise<ExamplesPage> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.examplePages.set(id, { resolve, reject });
      this.send({ type: 'examples', id, label, predicted, offset, limit });
    });
  }

  /** Class probabilities for an image of the network's input shape (floats 0..1, e.g. 784 for 28x28 grey).
   *  The image's buffer is transferred. */
  predict(image: Float32Array): Promise<Float32Array> {
    checkImage(image);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.predictions.set(id, { resolve, reject });
      this.send({ type: 'predict', id, image });
    });
  }

  /** Weights of every layer with parameters, or every layer's activation for `image` (or test image 0). */
  snapshot(what: SnapshotKind, image?: Float32Array): Promise<LayerSnapshot[]> {
    if (image) checkImage(image);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.snapshots.set(id, { resolve, reject });
      this.send({ type: 'snapshot', id, what, image });
    });
  }

  /**
   * Replaces the model's weights; rejects with the worker's message (naming the tensor) when they do not
   * fit, and then nothing changed. The tensors' buffers are transferred.
   */
  setWeights(layers: LayerSnapshot[]): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.weightLoads.set(id, { resolve, reject });
      this.send({ type: 'setWeights', id, layers });
    });
  }

  /** A request of the autoencoder/GAN modes; answers arrive as `generative` events. */
  generative(request: GenerativeRequest): void {
    this.send({ type: 'generative', request });
  }

  /** A request of the segmentation and detection runs; answers arrive as `dense` events. */
  dense(request: DenseRequest): void {
    this.send({ type: 'dense', request });
  }

  /** An inspect view's query (saliency, replay history and frames, per-layer time); image buffers are transferred. */
  inspect<K extends InspectQuery['kind']>(
    query: Extract<InspectQuery, { kind: K }>,
  ): Promise<Extract<InspectResult, { kind: K }>> {
    if ('image' in query && query.image) checkImage(query.image);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.inspections.set(id, { resolve: resolve as (r: InspectResult) => void, reject });
      this.send({ type: 'inspect', id, query });
    });
  }

  /**
   * Watches every layer's output for `image` (null: the first test image), `channels` maps of each image;
   * answered by `liveActivations` events now and while training. `everyMs` 0 stops. The image is transferred.
   */
  watchActivations(image: Float32Array | null, everyMs: number, channels: number): void {
    if (image) checkImage(image);
    this.send({ type: 'watchActivations', image, everyMs, channels });
  }

  /** Test hook: makes the worker destroy its GPU device. */
  destroyDeviceForTest(): void {
    this.send({ type: 'destroyDeviceForTest' });
  }

  dispose(): void {
    if (this.disposed) return;
    this.send({ type: 'dispose' });
    this.disposed = true;
    i18n.off('languageChanged', this.followLanguage);
    this.worker.removeEventListener('message', this.listener);
    this.worker.terminate?.();
    const gone = new Error('the trainer was disposed');
    for (const p of [...this.predictions.values(), ...this.snapshots.values(), ...this.weightLoads.values()])
      p.reject(gone);
    for (const p of this.examplePages.values()) p.reject(gone);
    this.predictions.clear();
    this.snapshots.clear();
    this.weightLoads.clear();
    this.examplePages.clear();
    for (const p of this.inspections.values()) p.reject(gone);
    this.inspections.clear();
    this.handlers.clear();
  }

  private send(request: TrainerRequest): void {
    if (this.disposed) throw new Error(`the trainer was disposed; cannot send '${request.type}'`);
    this.worker.postMessage(request, transferablesOf(request));
  }

  private receive(event: TrainerEvent): void {
    switch (event.type) {
      case 'prediction':
        settle(this.predictions, event.id)?.resolve(event.probabilities);
        break;
      case 'snapshot':
        settle(this.snapshots, event.id)?.resolve(event.layers);
        break;
      case 'inspected':
        settle(this.inspections, event.id)?.resolve(event.result);
        break;
      case 'weightsSet':
        settle(this.weightLoads, event.id)?.resolve();
        break;
      case 'examples': {
        const { type: _type, id, ...page } = event;
        settle(this.examplePages, id)?.resolve(page);
        break;
      }
      case 'requestFailed': {
        const error = new Error(event.message);
        settle(this.predictions, event.id)?.reject(error);
        settle(this.snapshots, event.id)?.reject(error);
        settle(this.inspections, event.id)?.reject(error);
        settle(this.weightLoads, event.id)?.reject(error);
        settle(this.examplePages, event.id)?.reject(error);
        break;
      }
      default:
        break;
    }
    for (const handler of this.handlers.get(event.type) ?? []) handler(event);
  }
}

function settle<T>(pending: Map<number, Pending<T>>, id: number): Pending<T> | undefined {
  const p = pending.get(id);
  pending.delete(id);
  return p;
}

/** The largest image a user dataset makes: 3×64×64 (the worker checks the exact size against the network). */
const MAX_IMAGE_VALUES = 3 * 64 * 64;

function checkImage(image: Float32Array): void {
  if (!(image instanceof Float32Array) || image.length === 0 || image.length > MAX_IMAGE_VALUES) {
    throw new Error(
      `an image must be a Float32Array of the network's input (784 values for 28x28 grey, up to ${MAX_IMAGE_VALUES}), got ${image?.length ?? 'none'}`,
    );
  }
}
