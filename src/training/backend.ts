// What the trainer needs from a compute backend. The WebGPU and CPU backends implement it over the same
// ModelDescription and flat parameter layout, so weights, snapshots and rebuilds move freely between them.
import type { ModelDescription } from '../model/describe';
import type { InitialState } from '../model/init';
import type { Hyperparams } from '../network/hyper';
import type { InputGradients } from './inspect/gpu-inspect';
import type { LayerTime, TimingMethod } from './inspect/types';
import type { BackendKind } from './protocol';
import type { SchedulePosition } from './schedule';

/** One split of the dataset on the host: capacity-sized arrays, filled from the front as it streams. */
export interface HostSplit {
  /** capacity × pixels bytes. */
  images: Uint8Array;
  /** capacity bytes. */
  labels: Uint8Array;
  capacity: number;
  /** Records [0, available) are complete. */
  available: number;
}

export interface HostDataset {
  pixels: number;
  train: HostSplit;
  test: HostSplit;
  /** A user dataset's image shape [channels, height, width]: only such data is augmented, each training
   *  batch as it is gathered (augment-plan.ts). */
  imageShape?: readonly [number, number, number];
}

/** Sums since the previous take: loss summed over samples, correct predictions, samples, non-finite batches. */
export interface TrainSums {
  loss: number;
  correct: number;
  samples: number;
  nonFinite: number;
  /** Steps these sums cover. */
  steps: number;
}

export interface ModelState {
  params: Float32Array;
  buffers: Float32Array;
}

/** Weights known to be finite, the step they belong to, and where the schedule stood after that step
 *  (null: no step of the current schedule yet), so a rebuild goes on with the very next batch. */
export interface Checkpoint<S = ModelState> {
  state: S;
  step: number;
  position: SchedulePosition | null;
}

export interface TrainerBackend {
  readonly kind: BackendKind;
  /** Largest buffer the device can bind, in bytes; absent on the CPU. */
  readonly maxBufferBytes?: number;
  /** Makes the dataset resident (sized for the full capacity) and uploads records [from, to) of a split. */
  syncDataset(data: HostDataset, split: 'train' | 'test', from: number, to: number): void;
  /** Builds the model for a batch size; replaces any previous model. */
  build(desc: ModelDescription, hyper: Hyperparams, state: InitialState): void;
  /** Changes optimizer settings in place (lr, momentum, betas, weight decay, optimizer kind). */
  setHyper(hyper: Hyperparams): void;
  /** The sample order of the current epoch (indices into the train split). */
  setOrder(order: Uint32Array): void;
  /** Optimizer step number `step` (0-based; it picks dropout masks) on order[start .. start + batch); queued on the GPU. */
  step(start: number, step: number): void;
  /** Resolves when the queue holds at most `steps` steps (default 2), so the loop never runs far ahead of
   *  the device; 0 waits for every step submitted. */
  settle(steps?: number): Promise<void>;
  /** Training sums since the previous call: taken now, delivered when the device gets there. */
  takeSums(): Promise<TrainSums>;
  /** Logits [count, classes] for test records [0, count), in order. */
  evaluate(count: number): Promise<Float32Array>;
  /** Logits [indices.length, classes] for the test records `indices` (the fixed test sample), in order. */
  evaluateSample(indices: Uint32Array): Promise<Float32Array>;
  /** Logits for `count` normalised images [count, ...inputShape]. */
  predict(images: Float32Array, count: number): Promise<Float32Array>;
  /** Every layer's output for one normalised image, in layer order. */
  activations(image: Float32Array): Promise<Float32Array[]>;
  /** Every class score's gradient with respect to one normalised image, through the engine's backward pass. */
  inputGradients(image: Float32Array): Promise<InputGradients>;
  /** Device time of each layer's forward and backward; absent on the CPU. */
  layerTimes?(): Promise<{ method: TimingMethod; layers: LayerTime[] }>;
  readState(): Promise<ModelState>;
  writeState(state: ModelState): void;
  /** Keeps a copy of the current weights as the last good ones (called at each healthy report). */
  keepGoodState(): void;
  /** Restores the last good copy (after divergence). */
  restoreGoodState(): void;
  /** The last good copy on the host, or null when there is none yet. */
  readGoodState(): Promise<ModelState | null>;
  /** Device memory held by the model and dataset, in bytes (0 on the CPU). */
  bytes(): number;
  /** The part of bytes() that holds the dataset. */
  datasetBytes(): number;
  /** Test hook on GPU backends: destroys the device, which must take the device-loss path. */
  destroyDevice?(): void;
  /** GPU backends: resolves when the device is lost (see loss-explains). */
  readonly deviceLost?: Promise<unknown>;
  destroy(): void;
}
