// The digit score of a generator as it trains: the judge's view of the GAN's samples from a fixed set of
// noise vectors, or of the autoencoder's reconstructions of the first test images. The session sends it
// live; scripts/generative/engine-measure.ts uses the same functions for the measured results.
import type { HostDataset } from '../backend';
import type { BuiltAutoencoder, BuiltGan } from './build';
import { generateAll, testImages, toUnit } from './images';
import type { Judge } from './judge';
import { gridCodes } from './latent-axis';
import { agreement, digitScores, type DigitScore } from './scores';

/** The judge's scores of the generator's images for `noise` (count × generator inputs); for a conditional
 *  GAN given the digits each input asks for, also the share the judge calls the digit asked for. */
export async function ganDigitScore(
  gan: BuiltGan,
  judge: Judge,
  noise: Float32Array,
  digits?: ArrayLike<number>,
): Promise<DigitScore> {
  const probs = judge.classify(toUnit(await generateAll(gan, noise)));
  return digits ? { ...digitScores(probs), recognised: agreement(probs, digits) } : digitScores(probs);
}

/** The judge's scores of the reconstructions of the first `count` test images (fewer if fewer are loaded). */
export async function autoencoderDigitScore(
  ae: BuiltAutoencoder,
  judge: Judge,
  data: HostDataset,
  count: number,
): Promise<DigitScore | null> {
  const n = Math.min(count, data.test.available);
  if (n === 0) return null;
  const out = await ae.engine.layerOutputs(testImages(data, n), n, ae.desc.layers.length - 1);
  const probs = judge.classify(out, n);
  return { ...digitScores(probs), recognised: agreement(probs, data.test.labels.subarray(0, n)) };
}

/**
 * The judge's view of a 2-D code's latent map: the decodings of the grid whose codes take the values of
 * `axis` on each axis (rows from the top, y descending, as the map is drawn; `latent-axis.ts` makes axes).
 */
export async function latentGridDigitScore(
  ae: BuiltAutoencoder,
  judge: Judge,
  axis: ArrayLike<number>,
): Promise<DigitScore> {
  if (ae.latentDim !== 2)
    throw new Error(`a latent grid needs a 2-D code, this one has ${ae.latentDim} values`);
  const side = axis.length;
  const codes = gridCodes(axis, axis);
  const images = await ae.engine.decodeFrom(ae.bottleneck, codes, side * side);
  return digitScores(judge.classify(images, side * side));
}
