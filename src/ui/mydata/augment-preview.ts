// The panel's preview of augmentation: one example as training would vary it, `count` times: sample k of
// a training step at this seed (the same draw the GPU's gather makes), so the grid is the same until the
// seed or the settings change.
import type { AugmentSettings } from '../../network/augment';
import { augmentedSample } from '../../training/augment-plan';

export function previewSamples(
  image: Uint8Array,
  shape: readonly [number, number, number],
  settings: AugmentSettings,
  seed: number,
  count: number,
): Uint8Array[] {
  return Array.from({ length: count }, (_, k) => augmentedSample(image, shape, settings, seed, 0, k));
}
