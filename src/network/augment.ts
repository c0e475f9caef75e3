// Data augmentation for the user's own datasets: every training sample of every step is shifted, rotated,
// scaled, flipped, its brightness and contrast changed and noise added by amounts drawn at random within
// the settings below. Pure: the settings as files and links hold them. The transform and its seeded draw
// per (seed, step, sample) are the engine's (src/engine/reference/augment-batch.ts, the GPU's
// augment_gather kernel); the panel's preview and train.py's torch version follow them.
import * as v from 'valibot';
import { anyNumber, fields, kindOf } from './schema-kit';

/** The largest amounts a setting may ask for: beyond them a digit or a shape stops being itself. */
export const AUGMENT_LIMITS = {
  shift: 8,
  rotate: 45,
  scale: 0.5,
  brightness: 0.5,
  contrast: 0.5,
  noise: 0.3,
} as const;

const range = (key: keyof typeof AUGMENT_LIMITS, whole: boolean) =>
  v.pipe(
    anyNumber(`augment.${key}`),
    v.check(
      (n) => Number.isFinite(n) && n >= 0 && n <= AUGMENT_LIMITS[key] && (!whole || Number.isInteger(n)),
      (issue) =>
        `augment.${key} must be a ${whole ? 'whole number' : 'number'} from 0 to ${AUGMENT_LIMITS[key]}, not ${String(issue.input)}`,
    ),
  );

/** The augmentation settings: each amount is the largest drawn (a uniform draw in ±amount). */
export const AugmentSchema = fields(
  {
    /** Shift in whole pixels along each axis, in −shift..shift. */
    shift: v.optional(range('shift', true), 0),
    /** Rotation in degrees about the image's centre, in ±rotate. */
    rotate: v.optional(range('rotate', false), 0),
    /** Scaled about the centre by a factor in 1 ± scale (above 1 larger). */
    scale: v.optional(range('scale', false), 0),
    /** Mirror left to right, half of the time (for shapes and photos, not for letters and digits). */
    flip: v.optional(
      v.custom<boolean>(
        (input) => typeof input === 'boolean',
        (issue) => `augment.flip must be true or false, not ${kindOf(issue.input)}`,
      ),
      false,
    ),
    /** Added to every value (on the 0..1 scale), in ±brightness. */
    brightness: v.optional(range('brightness', false), 0),
    /** Differences from mid-grey scaled by a factor in 1 ± contrast. */
    contrast: v.optional(range('contrast', false), 0),
    /** Gaussian noise of this standard deviation (on the 0..1 scale) added to every value. */
    noise: v.optional(range('noise', false), 0),
  },
  'augment',
  (input) => `augment must be an object, not ${kindOf(input)}`,
);

export type AugmentSettings = v.InferOutput<typeof AugmentSchema>;

export const NO_AUGMENT: AugmentSettings = {
  shift: 0,
  rotate: 0,
  scale: 0,
  flip: false,
  brightness: 0,
  contrast: 0,
  noise: 0,
};

/** The settings in a fixed key order, so files and links written from equal settings are equal. */
export function canonicalAugment(a: AugmentSettings): AugmentSettings {
  const { shift, rotate, scale, flip, brightness, contrast, noise } = a;
  return { shift, rotate, scale, flip, brightness, contrast, noise };
}

/** True when the settings change images at all. */
export function augments(a: AugmentSettings | undefined): a is AugmentSettings {
  return Boolean(
    a &&
    (a.shift > 0 ||
      a.rotate > 0 ||
      a.scale > 0 ||
      a.flip ||
      a.brightness > 0 ||
      a.contrast > 0 ||
      a.noise > 0),
  );
}
