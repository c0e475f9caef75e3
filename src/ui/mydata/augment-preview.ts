// The panel's preview of augmentation: one example as training would vary it, `count` times, each from
// its own seeded draw, so the grid is the same until the seed or the settings change.
import { augmentImage, drawTransform, type AugmentSettings } from '../../network/augment';
import { deriveSeed, Prng } from '../../training/prng';

export function previewSamples(
  image: Uint8Array,
  shape: readonly [number, number, number],
  settings: AugmentSettings,
  seed: number,
  count: number,
): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => {
    const prng = new Prng(deriveSeed(seed, k));
    const random = () => prng.next();
    return augmentImage(image, shape, drawTransform(settings, random), undefined, random);
  });
}
