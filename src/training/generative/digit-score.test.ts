// The latent grid's score: the judge sees exactly the decodings of the grid's codes (rows from the top, y
// descending), and a code that is not 2-D is refused.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { getPreset } from '../../network/presets';
import { CpuBackend } from '../cpu-backend';
import type { HostDataset } from '../backend';
import { buildAutoencoder } from './build';
import { latentGridDigitScore } from './digit-score';
import { JUDGE_PATH, loadJudge } from './judge';
import { evenAxis } from './latent-axis';
import { digitScores } from './scores';

const judgeBytes = () => readFile(new URL(`../../../public/${JUDGE_PATH}`, import.meta.url));
const noData = (): HostDataset => {
  throw new Error('decoding reads no training data');
};

describe('the latent grid digit score', () => {
  it("judges the decodings of a grid with the axis's values on each axis, and refuses a code that isn't 2-D", async () => {
    const judge = loadJudge(new Uint8Array(await judgeBytes()));
    const vae = getPreset('vae')!;
    const ae = await buildAutoencoder(new CpuBackend(), noData, vae.spec, vae.hyper, vae.bottleneckLayerId);
    expect(ae.latentDim).toBe(2);
    const score = await latentGridDigitScore(ae, judge, evenAxis(3, 1.5));
    // The same grid decoded by hand: row 0 is y = 1.5, columns x = −1.5, 0, 1.5.
    const codes = Float32Array.of(
      -1.5,
      1.5,
      0,
      1.5,
      1.5,
      1.5,
      -1.5,
      0,
      0,
      0,
      1.5,
      0,
      -1.5,
      -1.5,
      0,
      -1.5,
      1.5,
      -1.5,
    );
    const images = await ae.engine.decodeFrom(ae.bottleneck, codes, 9);
    expect(score).toEqual(digitScores(judge.classify(images, 9)));
    expect(score.histogram.reduce((a, b) => a + b, 0)).toBe(9);
    ae.engine.destroy();
    const sharp = getPreset('autoencoder-sharp')!;
    const wide = await buildAutoencoder(new CpuBackend(), noData, sharp.spec, sharp.hyper, 'bottleneck');
    await expect(latentGridDigitScore(wide, judge, evenAxis(3, 1))).rejects.toThrow(
      'a latent grid needs a 2-D code, this one has 16 values',
    );
    wide.engine.destroy();
  });
});
