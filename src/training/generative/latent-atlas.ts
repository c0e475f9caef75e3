// The latent atlas of a 2-D code: the decoder's image at each point of a 10×10 grid over the code's plane,
// and the digit the judge sees in each cell. A VAE's grid is the classic figure's (Kingma and Welling 2014):
// its codes are pulled towards N(0, 1), so the grid takes the prior's quantiles 0.05 … 0.95 on each axis,
// cells of equal prior mass (measured: it holds all ten digits on more seeds than an even grid over
// [−2, 2]², docs/GENERATION.md). A plain autoencoder's codes have no prior, so its grid spans the middle 96%
// of the test codes on each axis evenly, where the gaps between its clusters decode to shapes that are no
// digit.
import { definitionOf } from '../../layers';
import type { BuiltAutoencoder } from './build';
import type { Judge } from './judge';
import { gaussianAxis, gridCodes, spanAxis } from './latent-axis';
import { DIGITS, topClass } from './scores';
import type { LatentAtlas } from './types';

export const ATLAS_SIDE = 10;
/** A plain autoencoder's grid leaves out this share of the test codes at each end of each axis. */
const TAIL = 0.02;

/** A VAE is an autoencoder with a layer whose codes are pulled towards N(0, 1) (its Reparameterize). */
export function isVariational(ae: BuiltAutoencoder): boolean {
  return ae.desc.layers.some((plan) => definitionOf(plan.layer.kind).traits?.standardNormalCode);
}

/** The value at quantile `q` of the sorted `values` (nearest rank). */
function quantile(sorted: Float32Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/** Each axis of a plain autoencoder's grid: evenly over the middle of the test codes' values on it. */
function codeSpan(points: Float32Array, axis: 0 | 1): Float64Array {
  const values = Float32Array.from({ length: points.length >> 1 }, (_, i) => points[2 * i + axis]).sort();
  if (values.length === 0) return spanAxis(ATLAS_SIDE, -1, 1);
  const [lo, hi] = [quantile(values, TAIL), quantile(values, 1 - TAIL)];
  return hi > lo ? spanAxis(ATLAS_SIDE, lo, hi) : spanAxis(ATLAS_SIDE, lo - 1, lo + 1);
}

/** The atlas of `ae` (a 2-D code); `points` are test codes (x, y pairs), which a plain autoencoder's grid spans. */
export async function latentAtlas(
  ae: BuiltAutoencoder,
  points: Float32Array,
  judge: Judge | null,
): Promise<LatentAtlas> {
  if (ae.latentDim !== 2)
    throw new Error(`a latent atlas needs a 2-D code, this one has ${ae.latentDim} values`);
  const variational = isVariational(ae);
  const x = variational ? gaussianAxis(ATLAS_SIDE) : codeSpan(points, 0);
  const y = variational ? gaussianAxis(ATLAS_SIDE) : codeSpan(points, 1);
  const count = ATLAS_SIDE * ATLAS_SIDE;
  const images = await ae.engine.decodeFrom(ae.bottleneck, gridCodes(x, y), count);
  let digits: Uint8Array | null = null;
  if (judge) {
    const probs = judge.classify(images, count);
    digits = Uint8Array.from({ length: count }, (_, i) => topClass(probs, i * DIGITS));
  }
  const spacing = variational ? 'quantiles' : 'even';
  return { side: ATLAS_SIDE, spacing, x: Float32Array.from(x), y: Float32Array.from(y), images, digits };
}
