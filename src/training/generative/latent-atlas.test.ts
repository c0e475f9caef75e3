// The latent atlas: a VAE's grid is at N(0, 1)'s quantiles and a plain autoencoder's spans the middle of its test codes; the
// images are the decodings of the grid's codes in reading order (rows from the top, y descending); the
// judge's digit of each cell is its top class; a code that is not 2-D is refused.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { getPreset } from '../../network/presets';
import type { HostDataset } from '../backend';
import { CpuBackend } from '../cpu-backend';
import { buildAutoencoder } from './build';
import { JUDGE_PATH, loadJudge } from './judge';
import { ATLAS_SIDE, isVariational, latentAtlas } from './latent-atlas';
import { gaussianAxis, gridCodes } from './latent-axis';
import { DIGITS, topClass } from './scores';

const judgeBytes = () => readFile(new URL(`../../../public/${JUDGE_PATH}`, import.meta.url));
const noData = (): HostDataset => {
  throw new Error('decoding reads no training data');
};
const build = (id: 'vae' | 'autoencoder' | 'autoencoder-sharp') => {
  const preset = getPreset(id)!;
  return buildAutoencoder(new CpuBackend(), noData, preset.spec, preset.hyper, preset.bottleneckLayerId);
};
const CELLS = ATLAS_SIDE * ATLAS_SIDE;

describe('the latent atlas', () => {
  it("decodes a VAE's grid at N(0, 1)'s quantiles in reading order, with the judge's digit of each cell", async () => {
    const judge = loadJudge(new Uint8Array(await judgeBytes()));
    const ae = await build('vae');
    expect(isVariational(ae)).toBe(true);
    // The test codes do not move a VAE's grid: it is the prior's.
    const atlas = await latentAtlas(ae, Float32Array.of(5, 5, 6, 6), judge);
    expect(atlas.spacing).toBe('quantiles');
    const axis = Array.from(Float32Array.from(gaussianAxis(ATLAS_SIDE)));
    expect(Array.from(atlas.x)).toEqual(axis);
    expect(Array.from(atlas.y)).toEqual(axis);
    // Φ⁻¹(0.05) = −1.6449 and Φ⁻¹(0.95) = 1.6449 (torch.special.ndtri) at the ends.
    expect(atlas.x[0]).toBeCloseTo(-1.6449, 4);
    expect(atlas.x[ATLAS_SIDE - 1]).toBeCloseTo(1.6449, 4);
    const codes = gridCodes(atlas.x, atlas.y);
    // Reading order: the first cell is the top left (x lowest, y highest), the last the bottom right.
    expect(Array.from(codes.subarray(0, 2))).toEqual([axis[0], axis[ATLAS_SIDE - 1]]);
    expect(Array.from(codes.subarray(2 * CELLS - 2))).toEqual([axis[ATLAS_SIDE - 1], axis[0]]);
    const images = await ae.engine.decodeFrom(ae.bottleneck, codes, CELLS);
    expect(atlas.images).toEqual(images);
    const probs = judge.classify(images, CELLS);
    expect(Array.from(atlas.digits!)).toEqual(
      Array.from({ length: CELLS }, (_, i) => topClass(probs, i * DIGITS)),
    );
    // Without the judge, the images come alone.
    expect((await latentAtlas(ae, new Float32Array(0), null)).digits).toBeNull();
    ae.engine.destroy();
  });

  it("spans a plain autoencoder's grid over the middle 96% of its test codes on each axis", async () => {
    const ae = await build('autoencoder');
    expect(isVariational(ae)).toBe(false);
    // x runs over 0 … 100; y is 3 everywhere, so its axis spans 3 ± 1.
    const points = new Float32Array(2 * 101);
    for (let i = 0; i <= 100; i++) [points[2 * i], points[2 * i + 1]] = [i, 3];
    const atlas = await latentAtlas(ae, points, null);
    expect(atlas.spacing).toBe('even');
    expect(atlas.x[0]).toBe(2);
    expect(atlas.x[ATLAS_SIDE - 1]).toBe(98);
    expect([atlas.y[0], atlas.y[ATLAS_SIDE - 1]]).toEqual([2, 4]);
    expect(atlas.images.length).toBe(CELLS * 784);
    ae.engine.destroy();
    const sharp = await build('autoencoder-sharp');
    await expect(latentAtlas(sharp, points, null)).rejects.toThrow(
      'a latent atlas needs a 2-D code, this one has 16 values',
    );
    sharp.engine.destroy();
  });
});
