// The inspect queries the page sends the worker and their answers (filters' history, saliency, per-layer
// cost). protocol.ts carries them as one request and one event variant; bulk arrays are transferred.
import type { LayerSnapshot, TensorSnapshot } from '../snapshot';

export interface ReplayEntry {
  /** Optimizer steps taken when the weights were copied (0 = the initial weights). */
  step: number;
  /** Zero-based epoch the step belongs to. */
  epoch: number;
  /** Taken at the end of an epoch (kept in preference when the history is thinned). */
  epochEnd: boolean;
  bytes: number;
}

export interface ReplayBounds {
  maxCount: number;
  maxBytes: number;
}

export interface LayerTime {
  layerIndex: number;
  /** Device time of the layer's eval forward and training backward, in ms (median of repeats). */
  forwardMs: number;
  backwardMs: number;
}

/** How per-layer time was measured: GPU timestamps, or isolated submits timed with onSubmittedWorkDone. */
export type TimingMethod = 'timestamp-query' | 'submitted-work-done';

export type InspectQuery =
  /** `image`: 784 floats in 0..1; default the first test image. */
  | { kind: 'saliency'; image?: Float32Array }
  | { kind: 'replayList' }
  /** Weights and activations (for `image`, default the first test image) of history entry `index`. */
  | { kind: 'replayFrame'; index: number; image?: Float32Array }
  | { kind: 'layerTimes' }
  /** What layer `layerIndex` reads and writes for `image` (default the first test image), and its tensors. */
  | { kind: 'layer'; layerIndex: number; image?: Float32Array };

export type InspectResult =
  | {
      kind: 'saliency';
      /** The input (0..1) the gradients belong to. */
      image: Float32Array;
      logits: Float32Array;
      /** [classes, 784]: d(logit c)/d(input pixel) through the engine's backward pass, per class c. */
      gradients: Float32Array;
    }
  | { kind: 'replayList'; entries: ReplayEntry[]; bytes: number; bounds: ReplayBounds }
  | { kind: 'replayFrame'; entry: ReplayEntry; weights: LayerSnapshot[]; activations: LayerSnapshot[] }
  | { kind: 'layerTimes'; method: TimingMethod; batch: number; layers: LayerTime[] }
  | ({ kind: 'layer' } & LayerData);

/** One layer on one image, for the explanation's animations: all from the live weights, batch 1. */
export interface LayerData {
  layerIndex: number;
  /** The layer's kind, so the page can tell an answer for an older design. */
  layerKind: string;
  /** The input (0..1) the values belong to. */
  image: Float32Array;
  /** Optimizer steps taken so far: `trainOutput` is what step `step + 1` computes for its first image. */
  step: number;
  /** Each input the layer reads, in order ('input': the normalised image the network sees). */
  inputs: TensorSnapshot[];
  /** Its eval-mode output, as the views and predictions use it. */
  output: TensorSnapshot;
  /** Its training-mode forward on the same inputs: Dropout's mask and scale, BatchNorm's batch statistics. */
  trainOutput: TensorSnapshot;
  /** Its parameters and buffers (weight, bias, running_mean, ...), as in a weights snapshot. */
  tensors: TensorSnapshot[];
}

/** The arrays of a query or result that can be transferred instead of copied. */
export function inspectTransferables(message: InspectQuery | InspectResult): ArrayBufferView[] {
  switch (message.kind) {
    case 'saliency':
      return 'logits' in message
        ? [message.image, message.logits, message.gradients]
        : optional(message.image);
    case 'replayFrame':
      if ('entry' in message)
        return [...message.weights, ...message.activations].flatMap((l) => l.tensors.map((t) => t.data));
      return optional(message.image);
    case 'layer':
      if ('output' in message)
        return [
          message.image,
          ...[...message.inputs, message.output, message.trainOutput, ...message.tensors].map((t) => t.data),
        ];
      return optional(message.image);
    case 'replayList':
    case 'layerTimes':
      return [];
  }
}

function optional(view: Float32Array | undefined): ArrayBufferView[] {
  return view ? [view] : [];
}
