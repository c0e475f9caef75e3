// The digit score of a generator as it trains: the judge's view of the GAN's samples from a fixed set of
// noise vectors, or of the autoencoder's reconstructions of the first test images. The session sends it
// live; scripts/generative/engine-measure.ts uses the same functions for the measured results.
import type { HostDataset } from '../backend';
import type { BuiltAutoencoder, BuiltGan } from './build';
import { generateAll, testImages, toUnit } from './images';
import type { Judge } from './judge';
import { agreement, digitScores, type DigitScore } from './scores';

/** The judge's scores of the generator's images for `noise` (count × latent values). */
export async function ganDigitScore(gan: BuiltGan, judge: Judge, noise: Float32Array): Promise<DigitScore> {
  const images = toUnit(await generateAll(gan, noise));
  return digitScores(judge.classify(images));
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
