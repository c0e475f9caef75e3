// What a run augments with: a user dataset's images (those with a shape) under settings that change them,
// transforms and noise from two streams of the run's seed. Both backends augment each training batch
// from it (the GPU in its gather kernel, the CPU backend by the reference), sample by sample at the step's
// number, so a run, a resumed run and a moved backend see the same images.
import {
  augmentImage,
  drawSampleTransform,
  sampleNoise,
  type AugmentPlan,
  type AugmentSeeds,
} from '../engine/reference/augment-batch';
import { augments, type AugmentSettings } from '../network/augment';
import type { Hyperparams } from '../network/hyper';
import type { HostDataset } from './backend';
import { deriveSeed } from './prng';
import { SEED_STREAM } from './schedule';

export function augmentSeeds(seed: number): AugmentSeeds {
  return {
    seed: deriveSeed(seed, SEED_STREAM.augment),
    noiseSeed: deriveSeed(seed, SEED_STREAM.augment + 1),
  };
}

/** The plan for this data and these settings, or null when training images go in as they are. */
export function augmentPlan(data: HostDataset | null, hyper: Hyperparams | null): AugmentPlan | null {
  const shape = data?.imageShape;
  if (!shape || !hyper || !augments(hyper.augment)) return null;
  return { shape, amounts: hyper.augment, seeds: augmentSeeds(hyper.seed) };
}

/** `image` ([channels, h, w] bytes) as sample `sample` of step `step` of a run with `seed` would see it,
 *  rounded to bytes: what the panel's preview grid shows. */
export function augmentedSample(
  image: Uint8Array,
  shape: readonly [number, number, number],
  settings: AugmentSettings,
  seed: number,
  step: number,
  sample: number,
): Uint8Array {
  const seeds = augmentSeeds(seed);
  const t = drawSampleTransform(settings, seeds.seed, step, sample);
  return augmentImage(image, shape, t, sampleNoise(seeds, step, sample, image.length));
}
