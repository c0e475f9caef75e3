// What a generative run shows as it goes: an autoencoder's reconstructions, latent points and atlas, a GAN's
// sample grid with its health check, and either one's digit score once the page has sent the judge.
import type { HostDataset } from '../backend';
import type { Built } from './checkpoint';
import { ganFigures } from './common';
import { autoencoderDigitScore, ganDigitScore } from './digit-score';
import { ganWarning } from './health';
import { generateAll, testImages, toUnit } from './images';
import { loadJudge, type Judge } from './judge';
import { latentAtlas } from './latent-atlas';
import { sampleStats } from './stats';
import type { GenerativeEvent } from './types';

/** Test images shown as original/reconstruction pairs, latent points plotted. */
const PAIRS = 8;
const LATENT_POINTS = 2000;
/** Images the live digit score judges: GAN samples from fixed noise, or test reconstructions. */
export const SCORE_SAMPLES = 256;

export class Previews {
  /** The GAN's last reported losses and scores, which the sample grid's health check reads. */
  lastFigures: ReturnType<typeof ganFigures> = { dLoss: NaN, gLoss: NaN, dReal: NaN, dFake: NaN };
  previewedAt = -Infinity;
  private count = 0;
  /** The digit classifier that scores what the generator makes, once the page has sent it. */
  private judge: Judge | null = null;
  private scoredAt = -Infinity;

  /** `scoreMs`: least time between digit scores (each judges SCORE_SAMPLES images). */
  constructor(
    private readonly host: { emit(event: GenerativeEvent): void; data(): HostDataset },
    private readonly scoreMs: number,
  ) {}

  setJudge(bytes: Uint8Array): void {
    this.judge = loadJudge(bytes);
  }

  /** The judge's digit score of what the generator makes now (nothing before the page sent the judge). */
  async score(built: Built | null, step: number): Promise<void> {
    if (!built || !this.judge) return;
    this.scoredAt = performance.now();
    const score =
      built.mode === 'gan'
        ? await ganDigitScore(built.gan, this.judge, built.scoreNoise, built.scoreDigits)
        : await autoencoderDigitScore(built.ae, this.judge, this.host.data(), SCORE_SAMPLES);
    if (score) this.host.emit({ kind: 'score', step, score });
  }

  /** Reconstructions and latent points, or the sample grid with its health check; the digit score when
   *  `scoreNow` or when the last one is `scoreMs` old. */
  async preview(built: Built | null, step: number, scoreNow = false): Promise<void> {
    if (!built) return;
    this.previewedAt = performance.now();
    this.count += 1;
    if (scoreNow || performance.now() - this.scoredAt >= this.scoreMs) await this.score(built, step);
    if (built.mode === 'gan') {
      const images = toUnit(await generateAll(built.gan, built.fixed));
      const variance = sampleStats(images).variance * 4;
      const warning = step > 0 ? ganWarning(this.lastFigures, variance) : null;
      this.host.emit({ kind: 'samples', step, images, variance, warning });
      return;
    }
    const { test } = this.host.data();
    if (test.available === 0) return;
    const ae = built.ae;
    const pairs = Math.min(PAIRS, test.available);
    const originals = testImages(this.host.data(), pairs);
    const reconstructions = await ae.engine.layerOutputs(originals, pairs, ae.desc.layers.length - 1);
    this.host.emit({ kind: 'reconstructions', step, originals, reconstructions });
    // The latent plot (2,000 encodings) and its atlas are refreshed at every fifth preview.
    if (ae.latentDim === 2 && (step === 0 || this.count % 5 === 0)) {
      const count = Math.min(LATENT_POINTS, test.available);
      const points = await ae.engine.layerOutputs(testImages(this.host.data(), count), count, ae.bottleneck);
      // The atlas is decoded before the points are handed over (their buffer travels with the event).
      const atlas = await latentAtlas(ae, points, this.judge);
      this.host.emit({ kind: 'latent', step, points, labels: test.labels.slice(0, count) });
      this.host.emit({ kind: 'atlas', step, ...atlas });
    }
  }
}
