// What a conditional GAN's networks read, in one leaf module so the spec schema and the presets agree
// without importing each other.

/** Digits a conditional GAN is asked for: one-hot values after the noise, and planes after the image. */
export const CONDITION_CLASSES = 10;

/** A conditional discriminator's input: the 1×28×28 image, then one constant plane per digit. */
export const CONDITIONAL_DISCRIMINATOR_SHAPE: readonly [number, 28, 28] = [1 + CONDITION_CLASSES, 28, 28];
