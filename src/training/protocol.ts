// The messages between the page (TrainerClient) and the training worker (TrainerCore): the only file both
// threads share. Each direction is a closed discriminated union that both sides switch over exhaustively;
// bulk arrays travel as transferables (see transferablesOf).
import type { Language } from '../i18n';
import type { GpuInfo } from '../gpu/device';
import type { Hyperparams } from '../network/hyper';
import type { DatasetId, NetworkSpec } from '../network/spec';
import { inspectTransferables, type InspectQuery, type InspectResult } from './inspect/types';
import { generativeTransferables, type GenerativeEvent, type GenerativeRequest } from './generative/types';
import { denseTransferables, type DenseEvent, type DenseRequest } from './dense/types';
import type { LayerSnapshot } from './snapshot';

export type { LayerSnapshot, TensorSnapshot } from './snapshot';

export type BackendKind = 'webgpu' | 'cpu';
/**
 * Which backend the user wants: 'auto' (WebGPU on a hardware adapter; on a software fallback adapter,
 * whichever of WebGPU and WebAssembly measures faster for the design; WebAssembly without WebGPU; plain
 * JavaScript without WebAssembly SIMD), or one of them ('webgpu' falls back to the CPU where WebGPU is
 * missing, 'wasm' to plain JavaScript where WebAssembly SIMD is).
 */
export type BackendPreference = 'auto' | 'webgpu' | 'wasm' | 'js';
/** What runs the kernels: WebGPU, the WebAssembly SIMD ops, or the plain-JavaScript reference ops. */
export type ComputeEngine = 'webgpu' | 'wasm' | 'js';

/** The backend in use and why, as the status line shows it. */
export interface BackendChoice {
  engine: ComputeEngine;
  /** Threads of the WebAssembly ops (1 otherwise). */
  threads: number;
  preference: BackendPreference;
  /** One sentence: why this backend. */
  reason: string;
}
export type TrainerState = 'idle' | 'training' | 'paused' | 'diverged' | 'done';
export type { DatasetId };
export type SnapshotKind = 'weights' | 'activations';

/** A dataset the page holds (the user's own): pixels 0..255, `pixels` per image, labels < classNames.length. */
export interface UserDatasetData {
  pixels: number;
  /** [channels, height, width] of every image: pixels values each, channel planes one after another. */
  shape: readonly [number, number, number];
  classNames: string[];
  train: { images: Uint8Array; labels: Uint8Array };
  test: { images: Uint8Array; labels: Uint8Array };
}

/** Page -> worker. */
export type TrainerRequest =
  /**
   * `backend` defaults to 'webgpu' (WebGPU wherever a device is found); the page sends the user's
   * preference, 'auto' unless they chose. `forceCpu` takes the CPU whatever the preference.
   */
  | { type: 'init'; forceCpu?: boolean; backend?: BackendPreference }
  /** The language of the messages the worker writes (its own i18n instance); the client sends each change. */
  | { type: 'setLanguage'; language: Language }
  /** Moves the model (weights, step, sample order) to the backend this preference picks; answered by `ready`. */
  | { type: 'setBackend'; backend: BackendPreference }
  /** `baseUrl`: the data root holding <id>/<file>.gz, absolute (TrainerClient resolves relative ones). */
  | { type: 'loadDataset'; id: DatasetId; baseUrl: string }
  /** The user's own images, whole (answered by `datasetReady`, or `datasetError` saying what is wrong). */
  | { type: 'useDataset'; data: UserDatasetData }
  | { type: 'setSpec'; spec: NetworkSpec }
  | { type: 'setHyper'; hyper: Hyperparams }
  /** Starts or resumes training; builds the model first if needed. */
  | { type: 'start' }
  | { type: 'pause' }
  /** One batch, then paused. */
  | { type: 'step' }
  /** Re-initialises the weights from the seed and rewinds to step 0 (also leaves 'diverged'). */
  | { type: 'reset' }
  /** Evaluates the full test set now (answered by an `evaluation` and a `gallery` event). */
  | { type: 'evaluate' }
  /**
   * Test images of one confusion-matrix cell (true `label`, predicted `predicted`) from the last full
   * evaluation, `limit` of them from the `offset`-th, in test-set order (answered by `examples`).
   */
  | { type: 'examples'; id: number; label: number; predicted: number; offset: number; limit: number }
  /** `image`: floats in 0..1 of the network's input shape (784 for 28x28 grey, white ink on black like MNIST). */
  | { type: 'predict'; id: number; image: Float32Array }
  /** `image` (floats in 0..1 of the input shape) chooses the input for activations; default: the first test image. */
  | { type: 'snapshot'; id: number; what: SnapshotKind; image?: Float32Array }
  /**
   * Replaces the model's weights (answered by `weightsSet`, or `requestFailed` naming the tensor that does
   * not fit, in which case nothing changed). Every tensor of the model must be given, shaped as in a
   * weights snapshot. A running training continues from the new weights.
   */
  | { type: 'setWeights'; id: number; layers: LayerSnapshot[] }
  /** An inspect view's query (saliency, replay history, per-layer time), answered by an `inspected` event. */
  | { type: 'inspect'; id: number; query: InspectQuery }
  /**
   * Watches every layer's output for `image` (784 values in 0..1; null: the first test image): answered at
   * once by a `liveActivations` event, then again while training, after at least `everyMs` of training and
   * within a small share of its time. Images send their first `channels` maps. `everyMs` 0 stops watching.
   */
  | { type: 'watchActivations'; image: Float32Array | null; everyMs: number; channels: number }
  /** The autoencoder and GAN modes (a run of their own beside the classifier's), answered by `generative` events. */
  | { type: 'generative'; request: GenerativeRequest }
  /** Segmentation and detection on scenes (a run of their own), answered by `dense` events. */
  | { type: 'dense'; request: DenseRequest }
  /** Test hook: destroys the GPU device to exercise the device-loss path. */
  | { type: 'destroyDeviceForTest' }
  | { type: 'dispose' };

export interface MetricsReport {
  /** Optimizer steps taken since the last reset. */
  step: number;
  /** Zero-based epoch the last step belongs to. */
  epoch: number;
  /** Fraction of the current epoch done, 0..1. */
  epochProgress: number;
  /** Mean loss and accuracy over the steps since the previous report. */
  trainLoss: number;
  trainAccuracy: number;
  imagesPerSecond: number;
  /** Mean wall time of one step since the previous report, in ms. */
  stepMs: number;
}

/** Where the run stands, sent as steps are taken (metrics come only every few steps). */
export interface ProgressReport {
  /** Optimizer steps taken since the last reset. */
  step: number;
  /** Zero-based epoch of the last step. */
  epoch: number;
  /** Fraction of the current epoch done, 0..1. */
  epochProgress: number;
}

/** A quick test on the fixed test sample, taken while training (see test-sample.ts). */
export interface TestSampleReport {
  /** The steps taken when the sample was evaluated. */
  step: number;
  epoch: number;
  epochProgress: number;
  testLoss: number;
  testAccuracy: number;
  /** Test images in the sample. */
  images: number;
}

export interface EvaluationReport {
  epoch: number;
  step: number;
  testLoss: number;
  testAccuracy: number;
  /** 10x10 counts, row-major, row = true label, column = predicted label. */
  confusion: number[];
}

export interface GalleryItem {
  /** Index in the test set. */
  index: number;
  /** 784 pixels 0..255. */
  image: Uint8Array;
  label: number;
  predicted: number;
  probabilities: Float32Array;
}

/** Worker -> page. */
export type TrainerEvent =
  /** The backend now in use: after init, a device loss, a setBackend, or a design that measured faster elsewhere. */
  | { type: 'ready'; backend: BackendKind; gpu?: GpuInfo; fallbackReason?: string; choice?: BackendChoice }
  /** The backend in use, its reason worded again after the page's language changed. */
  | { type: 'backendReason'; fallbackReason?: string; choice?: BackendChoice }
  /** `train`: the training images in so far (training may start once a batch of them is). */
  | {
      type: 'datasetProgress';
      bytesLoaded: number;
      bytesTotal: number;
      images: number;
      totalImages: number;
      train: number;
    }
  | { type: 'datasetReady'; train: number; test: number; classNames: string[] }
  | { type: 'datasetError'; message: string; retryable: boolean }
  /** The model for the current spec is built (after setSpec, reset or a device rebuild). */
  /** `gpuBytes`: device memory the backend holds, measured from its buffers; `datasetBytes` of it is the
   *  dataset (both 0 on the CPU). */
  | { type: 'modelReady'; parameterCount: number; gpuBytes: number; datasetBytes: number }
  | { type: 'state'; state: TrainerState; reason?: string }
  | ({ type: 'metrics' } & MetricsReport)
  | ({ type: 'progress' } & ProgressReport)
  | ({ type: 'testSample' } & TestSampleReport)
  | ({ type: 'evaluation' } & EvaluationReport)
  | { type: 'gallery'; items: GalleryItem[] }
  /** `total`: the cell's count in the evaluation at `step`; `items`: the asked page of them. */
  | { type: 'examples'; id: number; step: number; total: number; offset: number; items: GalleryItem[] }
  | { type: 'prediction'; id: number; probabilities: Float32Array }
  | { type: 'snapshot'; id: number; what: SnapshotKind; layers: LayerSnapshot[] }
  | { type: 'weightsSet'; id: number }
  | { type: 'inspected'; id: number; result: InspectResult }
  /** The watched input's activations after `step` steps; `input` is that image (784 values in 0..1). */
  | { type: 'liveActivations'; step: number; input: Float32Array; layers: LayerSnapshot[] }
  | { type: 'generative'; event: GenerativeEvent }
  | { type: 'dense'; event: DenseEvent }
  /** A predict, snapshot or setWeights request `id` could not be answered. */
  | { type: 'requestFailed'; id: number; message: string }
  | { type: 'diverged'; message: string; step: number }
  | { type: 'deviceLost'; reason: string; recovering: boolean }
  /** Kernel autotuning for the design on this GPU: `done` of `total` sites measured (or answered from the
   *  store); `finished` once the model plans the choices; `changed`: sites where a faster variant won. */
  | { type: 'tuning'; done: number; total: number; finished: boolean; changed: number }
  /** Something the user should be told that is no error, e.g. one run paused so that another could start. */
  | { type: 'notice'; message: string }
  | { type: 'error'; message: string };

export type TrainerEventType = TrainerEvent['type'];
export type EventOf<T extends TrainerEventType> = Extract<TrainerEvent, { type: T }>;

/** The buffers of a message that can be transferred instead of copied. */
export function transferablesOf(message: TrainerRequest | TrainerEvent): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (view: ArrayBufferView | undefined) => {
    if (view && view.buffer instanceof ArrayBuffer && !out.includes(view.buffer)) out.push(view.buffer);
  };
  switch (message.type) {
    case 'useDataset':
      for (const split of [message.data.train, message.data.test]) {
        add(split.images);
        add(split.labels);
      }
      break;
    case 'predict':
      add(message.image);
      break;
    case 'snapshot':
      if ('layers' in message) for (const l of message.layers) for (const t of l.tensors) add(t.data);
      else add(message.image);
      break;
    case 'setWeights':
      for (const l of message.layers) for (const t of l.tensors) add(t.data);
      break;
    case 'watchActivations':
      add(message.image ?? undefined);
      break;
    case 'liveActivations':
      add(message.input);
      for (const l of message.layers) for (const t of l.tensors) add(t.data);
      break;
    case 'prediction':
      add(message.probabilities);
      break;
    case 'gallery':
    case 'examples':
      // The request of the same name carries no items.
      for (const item of 'items' in message ? message.items : []) {
        add(item.image);
        add(item.probabilities);
      }
      break;
    case 'inspect':
      inspectTransferables(message.query).forEach(add);
      break;
    case 'inspected':
      inspectTransferables(message.result).forEach(add);
      break;
    case 'generative':
      generativeTransferables('request' in message ? message.request : message.event).forEach(add);
      break;
    case 'dense':
      denseTransferables('request' in message ? message.request : message.event).forEach(add);
      break;
    default:
      break;
  }
  return out;
}

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`);
}
