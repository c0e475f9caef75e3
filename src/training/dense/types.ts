// The dense tasks' messages between the page and the worker, carried inside the trainer protocol's `dense`
// request and event. Scenes travel as side × side pixels (0..255) and label maps (0 background, 1 + digit).
import type { Hyperparams } from '../../network/hyper';
import type { DenseTask, SceneSettings } from '../../network/dense';
import type { NetworkSpec } from '../../network/spec';
import type { LayerSnapshot } from '../snapshot';
import type { Detection } from './metrics';

export type DenseState = 'idle' | 'training' | 'paused';

export type DenseRequest =
  /** Builds the network of a segmentation or detection spec (with `hyper`'s optimizer), back at step 0. */
  | { kind: 'set'; spec: NetworkSpec; hyper: Hyperparams }
  | { kind: 'start' }
  | { kind: 'pause' }
  /** Re-initialises the weights from the seed, back to step 0. */
  | { kind: 'reset' }
  /**
   * Scenes [start, start + count) of a split drawn as `scene` says on `side`-pixel canvases, training scenes
   * from `seed`, with their truth: the scene viewer (answered by `scenes`; no network needed).
   */
  | {
      kind: 'scenes';
      id: number;
      split: 'train' | 'test';
      start: number;
      count: number;
      side: number;
      scene: SceneSettings;
      seed: number;
    }
  /** The network's answer for one scene of side × side pixels in 0..1 (the user's drawing). */
  | { kind: 'predict'; id: number; image: Float32Array }
  /** Every layer's output for one scene (test scene `index`, or `image`), answered by `activations`. */
  | { kind: 'activations'; id: number; index?: number; image?: Float32Array }
  /** The current weights (for export), answered by `weights`. */
  | { kind: 'readWeights'; id: number }
  /** Loads weights, answered by `weightsSet`; every tensor is checked first, so a refusal changes nothing. */
  | { kind: 'setWeights'; id: number; layers: LayerSnapshot[] };

/** Scenes with their truth: `images` and `masks` are count × side² bytes, `boxes` one list per scene. */
export interface SceneSet {
  side: number;
  images: Uint8Array;
  masks: Uint8Array;
  boxes: { x0: number; y0: number; x1: number; y1: number; label: number }[][];
}

/** The network's answers for scenes: a class per pixel (segmentation) or boxes (detection). */
export interface DenseAnswers {
  /** Segmentation: count × side² predicted classes (0 background, 1 + digit). */
  maps?: Uint8Array;
  /** Detection: the boxes found in each scene, best first. */
  detections?: Detection[][];
}

export interface DenseEvaluation {
  step: number;
  /** Test scenes the figures cover. */
  scenes: number;
  /** Segmentation: share of pixels labelled right, and IoU per class (background first) and its mean. */
  pixelAccuracy?: number;
  classIoU?: number[];
  meanIoU?: number;
  /** Detection: average precision at IoU 0.5 per digit, and its mean. */
  classAP?: number[];
  meanAP?: number;
}

export type DenseEvent =
  | {
      kind: 'ready';
      task: DenseTask;
      side: number;
      /** Detection: input pixels per head cell. */
      stride: number;
      parameterCount: number;
      /** The step its weights are of: 0 from the seed, more when rebuilt (a lost device, a backend change). */
      step: number;
    }
  | { kind: 'state'; state: DenseState; reason?: string }
  /** Mean training loss since the previous report. */
  | { kind: 'metrics'; step: number; loss: number; scenesPerSecond: number }
  | ({ kind: 'evaluation' } & DenseEvaluation)
  /** Test scenes with the network's answers, after each evaluation. */
  | ({ kind: 'previews'; step: number } & SceneSet & DenseAnswers)
  | ({ kind: 'scenes'; id: number } & SceneSet)
  | ({ kind: 'predicted'; id: number } & DenseAnswers)
  | { kind: 'activations'; id: number; shapes: number[][]; values: Float32Array[] }
  | { kind: 'weights'; id: number; layers: LayerSnapshot[] }
  | { kind: 'weightsSet'; id: number }
  | { kind: 'failed'; id?: number; message: string };

/** The typed arrays of a message, whose buffers travel as transferables. */
export function denseTransferables(m: DenseRequest | DenseEvent): ArrayBufferView[] {
  switch (m.kind) {
    case 'predict':
      return [m.image];
    case 'activations':
      return 'values' in m ? m.values : m.image ? [m.image] : [];
    case 'previews':
    case 'scenes':
      if (!('images' in m)) return [];
      return [m.images, m.masks, ...(m.kind === 'previews' && m.maps ? [m.maps] : [])];
    case 'predicted':
      return m.maps ? [m.maps] : [];
    case 'weights':
    case 'setWeights':
      return m.layers.flatMap((l) => l.tensors.map((t) => t.data));
    default:
      return [];
  }
}
