// What the dense session needs from a backend: training steps on host-made batches, and the test passes
// (confusion counts, or decoded boxes) over the WebGPU engine and the CPU reference ops alike.
import type { ModelDescription } from '../../model/describe';
import type { OptimizerSettings } from '../../model/gpu-model';
import type { DenseTask } from '../../network/dense';
import type { ModelState } from '../backend';
import type { DenseBatch } from './batches';

export interface DenseOptions {
  task: DenseTask;
  batch: number;
  seed: number;
  optimizer: OptimizerSettings;
  /** Segmentation: the cross-entropy weight of background pixels (digits weigh 1). */
  backgroundWeight: number;
  /** Detection: input pixels per cell of the head. */
  stride: number;
}

/** Sums since the previous take: loss × batch size summed, samples, non-finite batches, steps. */
export interface DenseSums {
  loss: number;
  samples: number;
  nonFinite: number;
}

export interface SegmentResult {
  /** Counts [K × K] over the scenes, row = label, column = prediction. */
  confusion: Uint32Array;
  /** The predicted class of every pixel of the first `keep` scenes. */
  predicted: Uint8Array;
}

export interface DenseEngine {
  readonly batch: number;
  readonly desc: ModelDescription;
  /** One optimizer step (number `step`: it picks dropout masks) on a batch of exactly `batch` scenes. */
  step(batch: DenseBatch, step: number): void;
  /** Resolves when at most one step more is queued. */
  settle(): Promise<void>;
  takeSums(): Promise<DenseSums>;
  /** Segmentation, eval mode: counts for `count` scenes (labels may be null: counts stay 0), maps of the first `keep`. */
  segment(
    inputs: Float32Array,
    labels: Uint32Array | null,
    count: number,
    keep: number,
  ): Promise<SegmentResult>;
  /** Detection, eval mode: decoded cells [count, cells, 6] (see reference/centernet.ts). */
  detect(inputs: Float32Array, count: number): Promise<Float32Array>;
  /** Every layer's output for one scene, in layer order (the feature maps). */
  activations(input: Float32Array): Promise<Float32Array[]>;
  readState(): Promise<ModelState>;
  writeState(state: ModelState): void;
  destroy(): void;
}

/** The segmentation classes' loss weights: background's, then 1 for each digit. */
export function classWeights(classes: number, background: number): Float32Array {
  const w = new Float32Array(classes).fill(1);
  w[0] = background;
  return w;
}

/** Labels of the rows past `count` in a padded batch: out of range, so they are not counted. */
export const NO_LABEL = 255;
