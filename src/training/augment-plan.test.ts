// Which data a run augments and with what, the preview's samples as training draws them, and the CPU
// backend training on per-batch augmented images (the dataset's own arrays left as given).
import { describe, expect, it } from 'vitest';
import { augmentImage, drawSampleTransform, IDENTITY, sampleNoise } from '../engine/reference/augment-batch';
import { NO_AUGMENT } from '../network/augment';
import { userInput } from '../network/dataset-input';
import { switchDataset } from '../network/dataset-switch';
import { DEFAULT_HYPER } from '../network/hyper';
import { L, net } from '../network/testing/build';
import { augmentedSample, augmentPlan, augmentSeeds } from './augment-plan';
import { userHostDataset } from './host-dataset';
import type { UserDatasetData } from './protocol';
import { createHarness } from './testing/harness';

/** n 8×8 grey images, each a bright 2×2 block at its own place, labels alternating. */
function blocks(n: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(n * 64);
  for (let i = 0; i < n; i++) {
    const [x, y] = [2 + (i % 4), 2 + ((i >> 2) % 4)];
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ])
      images[i * 64 + (y + dy) * 8 + x + dx] = 200;
  }
  return { images, labels: Uint8Array.from({ length: n }, (_, i) => i % 2) };
}

const data = (): UserDatasetData => ({
  pixels: 64,
  shape: [1, 8, 8],
  classNames: ['even', 'odd'],
  train: blocks(12),
  test: blocks(4),
});

const SHIFTS = { ...NO_AUGMENT, shift: 2 };

describe('augmentPlan', () => {
  it("augments only a user dataset's images, under settings that change them", () => {
    const host = userHostDataset(data(), 12);
    const hyper = { ...DEFAULT_HYPER, seed: 5, augment: SHIFTS };
    expect(augmentPlan(host, hyper)).toEqual({ shape: [1, 8, 8], amounts: SHIFTS, seeds: augmentSeeds(5) });
    expect(augmentPlan(host, { ...hyper, augment: NO_AUGMENT })).toBeNull();
    expect(augmentPlan(host, { ...hyper, augment: undefined })).toBeNull();
    expect(augmentPlan({ ...host, imageShape: undefined }, hyper)).toBeNull();
    expect(augmentPlan(null, hyper)).toBeNull();
    const seeds = augmentSeeds(5);
    expect(seeds.seed).not.toBe(seeds.noiseSeed);
    expect(augmentSeeds(6)).not.toEqual(seeds);
  });

  it("gives the preview training's own draw of each sample", () => {
    const image = blocks(1).images;
    const settings = { ...NO_AUGMENT, shift: 2, rotate: 20, noise: 0.1 };
    const seeds = augmentSeeds(3);
    for (const [step, sample] of [
      [0, 0],
      [4, 9],
    ]) {
      const t = drawSampleTransform(settings, seeds.seed, step, sample);
      expect(augmentedSample(image, [1, 8, 8], settings, 3, step, sample)).toEqual(
        augmentImage(image, [1, 8, 8], t, sampleNoise(seeds, step, sample, 64)),
      );
    }
    expect(augmentedSample(image, [1, 8, 8], NO_AUGMENT, 3, 0, 0)).toEqual(
      augmentImage(image, [1, 8, 8], IDENTITY),
    );
  });
});

describe('the CPU backend with augmentation', () => {
  it(
    'trains on augmented batches, the same again for the same seed, its dataset untouched',
    { timeout: 30_000 },
    async () => {
      const run = async (augment: typeof SHIFTS | undefined) => {
        const h = createHarness({ reportEvery: 100 });
        await h.send({ type: 'init', forceCpu: true });
        await h.waitFor('ready');
        await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 64, seed: 9, augment } });
        const spec = switchDataset(
          net([L('Flatten'), L('Linear', { out_features: 10 })]),
          userInput('user:blocks', 'Blocks', [1, 8, 8], 2),
        );
        await h.send({ type: 'setSpec', spec });
        await h.send({ type: 'useDataset', data: data() });
        await h.waitFor('datasetReady');
        const given = h.core.current.data.train.images.slice();
        for (let i = 0; i < 3; i++) await h.send({ type: 'step' });
        expect(h.core.current.data.train.images).toEqual(given);
        const params = (await h.core.current.backend!.readState()).params.slice();
        await h.send({ type: 'dispose' });
        return params;
      };
      const shifted = await run(SHIFTS);
      expect(await run(SHIFTS)).toEqual(shifted);
      const plain = await run(undefined);
      expect(Math.max(...plain.map((v, i) => Math.abs(v - shifted[i])))).toBeGreaterThan(1e-4);
    },
  );
});
