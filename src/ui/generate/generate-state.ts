// The generative view's state, folded from the worker's `generative` events (a pure reducer, so it is
// tested without React or a worker).
import type { DigitScore } from '../../training/generative/scores';
import type {
  GenerativeEvent,
  GenerativeMode,
  GenerativeState,
  LatentAtlas,
} from '../../training/generative/types';

export interface LossPoint {
  step: number;
  loss?: number;
  dLoss?: number;
  gLoss?: number;
  dReal?: number;
  dFake?: number;
}

/** One digit score for the chart: the inception score, and for the autoencoder the share recognised (%). */
export interface ScorePoint {
  step: number;
  inceptionScore: number;
  recognised?: number;
}

export interface GenerateView {
  mode: GenerativeMode | null;
  state: GenerativeState;
  reason: string | null;
  latentDim: number;
  /** A conditional GAN's digits (its generator reads them one-hot after the noise), else 0. */
  classes: number;
  fixedNoise: Float32Array | null;
  points: LossPoint[];
  pairs: { originals: Float32Array; reconstructions: Float32Array; step: number } | null;
  latent: { points: Float32Array; labels: Uint8Array } | null;
  /** A 2-D code's plane decoded over a grid, at `step`. */
  atlas: (LatentAtlas & { step: number }) | null;
  samples: { images: Float32Array; step: number; variance: number } | null;
  /** How many sample grids have arrived (the grid changes as training goes on). */
  sampleUpdates: number;
  warning: string | null;
  /** The judge's latest digit score and the scores so far. */
  score: (DigitScore & { step: number }) | null;
  scores: ScorePoint[];
  decoded: Float32Array | null;
  interpolated: Float32Array | null;
  /** A conditional GAN's images of the digit picked (answers to DIGIT_PICK_ID). */
  digitSamples: Float32Array | null;
  error: string | null;
}

/** The `generate` request id of a conditional GAN's picked digit (the interpolation's ids are times). */
export const DIGIT_PICK_ID = -1;

export const initialView: GenerateView = {
  mode: null,
  state: 'idle',
  reason: null,
  latentDim: 0,
  classes: 0,
  fixedNoise: null,
  points: [],
  pairs: null,
  latent: null,
  atlas: null,
  samples: null,
  sampleUpdates: 0,
  warning: null,
  score: null,
  scores: [],
  decoded: null,
  interpolated: null,
  digitSamples: null,
  error: null,
};

/** Loss points kept for the charts. */
const MAX_POINTS = 500;

export function reduceView(view: GenerateView, e: GenerativeEvent): GenerateView {
  switch (e.kind) {
    case 'ready':
      return {
        ...initialView,
        mode: e.mode,
        latentDim: e.latentDim,
        classes: e.classes ?? 0,
        fixedNoise: e.fixedNoise ?? null,
      };
    case 'state':
      return { ...view, state: e.state, reason: e.reason ?? null };
    case 'metrics': {
      const { kind: _kind, ...point } = e;
      return { ...view, points: [...view.points, point].slice(-MAX_POINTS) };
    }
    case 'reconstructions':
      return { ...view, pairs: { originals: e.originals, reconstructions: e.reconstructions, step: e.step } };
    case 'latent':
      return { ...view, latent: { points: e.points, labels: e.labels } };
    case 'atlas': {
      const { kind: _kind, ...atlas } = e;
      return { ...view, atlas };
    }
    case 'samples':
      return {
        ...view,
        samples: { images: e.images, step: e.step, variance: e.variance },
        sampleUpdates: view.sampleUpdates + 1,
        warning: e.warning,
      };
    case 'score': {
      const { step, score } = e;
      const point: ScorePoint = { step, inceptionScore: score.inceptionScore };
      if (score.recognised !== undefined) point.recognised = 100 * score.recognised;
      // A score for an earlier step (after a reset or a load) starts the chart again.
      const kept = view.scores.filter((p) => p.step < step);
      return { ...view, score: { ...score, step }, scores: [...kept, point].slice(-MAX_POINTS) };
    }
    case 'decoded':
      return { ...view, decoded: e.images };
    case 'generated':
      return e.id === DIGIT_PICK_ID
        ? { ...view, digitSamples: e.images }
        : { ...view, interpolated: e.images };
    case 'failed':
      return { ...view, error: e.message };
    case 'weights':
    case 'weightsSet':
      // Answers to the Export and Import menus (ui/export), not part of this view.
      return view;
  }
}

/** Bounds of 2-D points (x, y pairs), padded by 5% so no point sits on the edge. */
export function latentBounds(points: Float32Array): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  const px = (x1 - x0 || 1) * 0.05;
  const py = (y1 - y0 || 1) * 0.05;
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}
