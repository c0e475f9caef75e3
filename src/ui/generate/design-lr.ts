// The learning rate the Generate panel starts a design at: its preset's, whichever way the design reached
// the builder (the panel's buttons, the builder's Preset menu, a link or a lesson), so the conditional
// DCGAN comes up at its Adam 1e-3 and the plain one at the DCGAN's rate.
import { CONDITION_CLASSES } from '../../network/cgan-presets';
import { getPreset } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import type { GenerativeMode } from '../../training/generative/types';

/** A conditional pair's discriminator reads the digit planes after the image (either network may be shown). */
export function isConditionalPair(spec: NetworkSpec, partner: NetworkSpec | null): boolean {
  return [spec, partner].some(
    (s) => s?.task === 'discriminator' && s.input.shape[0] === 1 + CONDITION_CLASSES,
  );
}

/** The design family's preset learning rate (the autoencoders share one; a GAN pair is plain or conditional). */
export function designLr(mode: GenerativeMode | null, conditional: boolean): number {
  const preset = mode !== 'gan' ? 'autoencoder' : conditional ? 'cgan-generator' : 'dcgan-generator';
  return getPreset(preset)!.hyper.lr;
}
