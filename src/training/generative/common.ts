// Shared by the generative trainers on both backends: input scaling, noise, and the figures a run reports.
import type { GatherNormalisation } from '../../engine/ops/gather-batch';
import { Prng } from '../prng';

/** Pixels/255 scaled to [-1, 1], the range of the generator's Tanh. */
export const GAN_NORMALISATION: GatherNormalisation = { mean: 0.5, std: 0.5 };
/** Pixels/255 as they are, in [0, 1]: the autoencoder's target for its Sigmoid output. */
export const AE_NORMALISATION: GatherNormalisation = { mean: 0, std: 1 };

/** Standard normal noise (Box-Muller on a seeded Prng), the generator's z ~ N(0, I). */
export function gaussianNoise(prng: Prng, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = 1 - prng.next();
    const v = prng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Sums of the three GAN losses since the previous take: each is (batch mean loss) × batch, summed. */
export interface GanSums {
  /** D on real images, label 1. */
  real: number;
  /** D on generated images, label 0. */
  fake: number;
  /** The generator's non-saturating loss: D on generated images, label 1. */
  gen: number;
  /** Samples per loss (batch × steps) and steps covered. */
  samples: number;
  steps: number;
}

export interface GanFigures {
  dLoss: number;
  gLoss: number;
  /** Geometric mean of D's probability that a real image is real: exp(-mean real loss). */
  dReal: number;
  /** Geometric mean of D(G(z)) at the generator step: exp(-mean generator loss). */
  dFake: number;
}

export function ganFigures(s: GanSums): GanFigures {
  const real = s.real / s.samples;
  const fake = s.fake / s.samples;
  const gen = s.gen / s.samples;
  return { dLoss: real + fake, gLoss: gen, dReal: Math.exp(-real), dFake: Math.exp(-gen) };
}

/** Linear interpolation between two noise vectors at `steps` evenly spaced points, both ends included. */
export function interpolateNoise(a: Float32Array, b: Float32Array, steps: number): Float32Array {
  if (a.length !== b.length) throw new Error(`noise vectors differ in length: ${a.length} and ${b.length}`);
  const out = new Float32Array(a.length * steps);
  for (let s = 0; s < steps; s++) {
    const t = steps === 1 ? 0 : s / (steps - 1);
    for (let i = 0; i < a.length; i++) out[s * a.length + i] = (1 - t) * a[i] + t * b[i];
  }
  return out;
}
