// The generative modes' messages between the page and the worker, carried inside the trainer protocol's
// `generative` request and event. Images are flat Float32Arrays of 784 values per image, in [0, 1].
import type { Hyperparams } from '../../network/hyper';
import type { NetworkSpec } from '../../network/spec';
import type { LayerSnapshot } from '../snapshot';
import type { DigitScore } from './scores';

/** A 2-D code's plane decoded over a grid (`latent-atlas.ts`). */
export interface LatentAtlas {
  side: number;
  /** A VAE's grid is at its N(0, 1) prior's quantiles 0.05 … 0.95; a plain autoencoder's even over its codes. */
  spacing: 'quantiles' | 'even';
  /** The grid's values across (left to right) and up (bottom to top). */
  x: Float32Array;
  y: Float32Array;
  /** side × side decoded images in reading order: rows from the top (y descending), each left to right. */
  images: Float32Array;
  /** The judge's digit for each image, once the page has sent the judge. */
  digits: Uint8Array | null;
}

export type GenerativeMode = 'autoencoder' | 'gan';
export type GenerativeState = 'idle' | 'training' | 'paused';

export type GenerativeRequest =
  /** Builds an autoencoder (task 'reconstruction'); `bottleneckLayerId` names the layer whose outputs are the code. */
  | { kind: 'setAutoencoder'; spec: NetworkSpec; hyper: Hyperparams; bottleneckLayerId?: string }
  /** Builds a GAN from a generator and a discriminator; each gets its own optimizer with `hyper`'s settings. */
  | { kind: 'setGan'; generator: NetworkSpec; discriminator: NetworkSpec; hyper: Hyperparams }
  | { kind: 'start' }
  | { kind: 'pause' }
  /** Re-initialises the weights from the seed, back to step 0. */
  | { kind: 'reset' }
  /** Autoencoder: decodes `codes` (count × bottleneck values) into images. */
  | { kind: 'decode'; id: number; codes: Float32Array }
  /** GAN: the generator's images for `noise` (count × generator inputs), e.g. an interpolation. */
  | { kind: 'generate'; id: number; noise: Float32Array }
  /** The current weights (for export), answered by a `weights` event. */
  | { kind: 'readWeights'; id: number }
  /** Loads weights (the autoencoder's, or the generator's with `discriminator`), answered by `weightsSet`;
   *  every tensor is checked first, so a refusal changes nothing. */
  | { kind: 'setWeights'; id: number; layers: LayerSnapshot[]; discriminator?: LayerSnapshot[] }
  /** The judge's weights (LeNet-5 safetensors): from then on the previews include the digit score. */
  | { kind: 'setJudge'; bytes: Uint8Array };

export interface GanMetrics {
  dLoss: number;
  gLoss: number;
  /** Geometric means of D's probability "real" on real images and on generated ones. */
  dReal: number;
  dFake: number;
}

export type GenerativeEvent =
  | {
      kind: 'ready';
      mode: GenerativeMode;
      /** Bottleneck width (autoencoder) or noise length (GAN; a conditional GAN's generator reads
       *  `classes` one-hot digit values after it, which `generate` requests must include). */
      latentDim: number;
      /** Fixed noise vectors of the sample grid (GAN), so the page can interpolate between two of them
       *  (a conditional GAN's: the grid's columns, each drawn as every digit, one row per digit). */
      fixedNoise?: Float32Array;
      /** A conditional GAN's digits. */
      classes?: number;
    }
  | { kind: 'state'; state: GenerativeState; reason?: string }
  /** Mean losses since the previous report; `loss` is the reconstruction loss. */
  | ({ kind: 'metrics'; step: number; loss?: number } & Partial<GanMetrics>)
  | { kind: 'reconstructions'; step: number; originals: Float32Array; reconstructions: Float32Array }
  /** The sample grid from the fixed noise, with a plain-language warning when training looks unhealthy. */
  | { kind: 'samples'; step: number; images: Float32Array; variance: number; warning: string | null }
  /** Autoencoder with a 2-D code: test images as points (x, y pairs) with their digit labels. */
  | { kind: 'latent'; step: number; points: Float32Array; labels: Uint8Array }
  /** Autoencoder with a 2-D code: the decoder's images over a grid of its plane, with the judge's digits. */
  | ({ kind: 'atlas'; step: number } & LatentAtlas)
  /** The judge's digit score of the GAN's samples or the autoencoder's reconstructions at `step`. */
  | { kind: 'score'; step: number; score: DigitScore }
  | { kind: 'decoded'; id: number; images: Float32Array }
  | { kind: 'generated'; id: number; images: Float32Array }
  /** The autoencoder's weights, or the generator's (`layers`) and the discriminator's. */
  | {
      kind: 'weights';
      id: number;
      mode: GenerativeMode;
      layers: LayerSnapshot[];
      discriminator?: LayerSnapshot[];
    }
  | { kind: 'weightsSet'; id: number }
  | { kind: 'failed'; id?: number; message: string };

/** The typed arrays of a message, whose buffers travel as transferables. */
export function generativeTransferables(m: GenerativeRequest | GenerativeEvent): ArrayBufferView[] {
  const views: ArrayBufferView[] = [];
  switch (m.kind) {
    case 'decode':
      views.push(m.codes);
      break;
    case 'generate':
      views.push(m.noise);
      break;
    case 'reconstructions':
      views.push(m.originals, m.reconstructions);
      break;
    case 'samples':
    case 'decoded':
    case 'generated':
      views.push(m.images);
      break;
    case 'latent':
      views.push(m.points, m.labels);
      break;
    case 'atlas':
      views.push(m.images, m.x, m.y);
      if (m.digits) views.push(m.digits);
      break;
    case 'weights':
    case 'setWeights':
      for (const layer of [...m.layers, ...(m.discriminator ?? [])])
        for (const t of layer.tensors) views.push(t.data);
      break;
    default:
      break;
  }
  return views;
}
