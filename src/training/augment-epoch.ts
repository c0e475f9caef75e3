// Each epoch of a user dataset trains on freshly varied images: before the epoch's first step every
// training image is augmented from its original with a transform drawn from the run's seed and the epoch
// (network/augment.ts), so a run, a resumed run and a rebuilt backend all see the same images.
import { augmentImage, augments, drawTransform, type AugmentSettings } from '../network/augment';
import type { HostDataset } from './backend';
import { deriveSeed, Prng } from './prng';
import { SEED_STREAM } from './schedule';

/** Writes `data.train.images` for `epoch`; true when they changed (the backend must be given them again). */
export function augmentEpoch(
  data: HostDataset,
  settings: AugmentSettings | undefined,
  seed: number,
  epoch: number,
): boolean {
  const original = data.original;
  if (!original) return false;
  if (!augments(settings)) {
    if (data.train.images === original.images) return false;
    data.train.images = original.images;
    return true;
  }
  const { images, shape } = original;
  const pixels = data.pixels;
  const out = data.train.images === images ? new Uint8Array(images.length) : data.train.images;
  const prng = new Prng(deriveSeed(seed, SEED_STREAM.augment + epoch));
  const random = () => prng.next();
  for (let i = 0; i < images.length / pixels; i++) {
    const at = i * pixels;
    augmentImage(
      images.subarray(at, at + pixels),
      shape,
      drawTransform(settings, random),
      out.subarray(at, at + pixels),
      random,
    );
  }
  data.train.images = out;
  return true;
}
