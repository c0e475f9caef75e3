// Each epoch's augmentation of a user dataset: drawn from the seed and the epoch (the same again on a
// rebuild), every image a transform of its original within the settings, the originals kept; and in the
// trainer, the CPU backend trains on the epoch's augmented images and on the originals once it is off.
import { describe, expect, it } from 'vitest';
import { augmentImage, IDENTITY, NO_AUGMENT } from '../network/augment';
import { userInput } from '../network/dataset-input';
import { switchDataset } from '../network/dataset-switch';
import { DEFAULT_HYPER } from '../network/hyper';
import { L, net } from '../network/testing/build';
import { augmentEpoch } from './augment-epoch';
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
const imageOf = (bytes: Uint8Array, i: number) => bytes.slice(i * 64, (i + 1) * 64);

/** The shift (dx, dy) in ±2 that makes `image` from `original`, or null when none does. */
function shiftBetween(original: Uint8Array, image: Uint8Array): [number, number] | null {
  for (let dy = -2; dy <= 2; dy++)
    for (let dx = -2; dx <= 2; dx++) {
      const moved = augmentImage(original, [1, 8, 8], { ...IDENTITY, dx, dy });
      if (moved.every((v, k) => v === image[k])) return [dx, dy];
    }
  return null;
}

describe('augmentEpoch', () => {
  it('makes each image a shift of its original, the same for the same seed and epoch', () => {
    const host = userHostDataset(data(), 12);
    const original = host.train.images.slice();
    expect(augmentEpoch(host, undefined, 5, 0)).toBe(false);
    expect(augmentEpoch(host, NO_AUGMENT, 5, 0)).toBe(false);
    expect(augmentEpoch(host, SHIFTS, 5, 0)).toBe(true);
    const first = host.train.images.slice();
    expect(host.original?.images).toEqual(original);
    const shifts = Array.from({ length: 12 }, (_, i) =>
      shiftBetween(imageOf(original, i), imageOf(first, i)),
    );
    expect(shifts.every((s) => s !== null)).toBe(true);
    // Not all the same shift: each image draws its own.
    expect(new Set(shifts.map((s) => String(s))).size).toBeGreaterThan(3);

    augmentEpoch(host, SHIFTS, 5, 1);
    expect(host.train.images).not.toEqual(first);
    const again = userHostDataset(data(), 12);
    augmentEpoch(again, SHIFTS, 5, 0);
    expect(again.train.images).toEqual(first);
    // Off again: the originals.
    expect(augmentEpoch(host, NO_AUGMENT, 5, 2)).toBe(true);
    expect(host.train.images).toEqual(original);
  });

  it('is what the CPU backend trains on, epoch by epoch', { timeout: 30_000 }, async () => {
    const h = createHarness({ reportEvery: 100 });
    await h.send({ type: 'init', forceCpu: true });
    await h.waitFor('ready');
    const hyper = { ...DEFAULT_HYPER, batchSize: 64, seed: 9, augment: SHIFTS };
    await h.send({ type: 'setHyper', hyper });
    const spec = switchDataset(
      net([L('Flatten'), L('Linear', { out_features: 10 })]),
      userInput('user:blocks', 'Blocks', [1, 8, 8], 2),
    );
    await h.send({ type: 'setSpec', spec });
    await h.send({ type: 'useDataset', data: data() });
    await h.waitFor('datasetReady');
    const train = () => h.core.current.data.train.images.slice();
    const original = train();
    // The 12 images are repeated to a whole largest batch: an epoch is that many over 64 steps.
    const perEpoch = Math.floor(h.core.current.data.train.available / 64);
    await h.send({ type: 'step' });
    const epoch0 = train();
    const expected = userHostDataset(data(), 1024);
    augmentEpoch(expected, SHIFTS, 9, 0);
    expect(epoch0).toEqual(expected.train.images);
    for (let i = 0; i < perEpoch; i++) await h.send({ type: 'step' });
    expect(train()).not.toEqual(epoch0);
    await h.send({ type: 'setHyper', hyper: { ...hyper, augment: undefined } });
    for (let i = 0; i < perEpoch; i++) await h.send({ type: 'step' });
    expect(train()).toEqual(original);
    await h.send({ type: 'dispose' });
  });
});
