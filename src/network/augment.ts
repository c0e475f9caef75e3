// Data augmentation for the user's own datasets: each epoch every training image is shifted, rotated,
// scaled, flipped, its brightness and contrast changed and noise added by amounts drawn at random within the settings below.
// Pure: the settings as files and links hold them, the draw of one image's transform, and the transform
// itself (the reference the trainer, the panel's preview and train.py's torch version follow).
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

/** One image's transform. */
export interface ImageTransform {
  /** Whole pixels right and down. */
  dx: number;
  dy: number;
  /** Radians, clockwise on screen (y grows downwards). */
  angle: number;
  /** Size factor about the centre (2: twice as large). */
  zoom: number;
  flip: boolean;
  /** Added on the 0..1 scale. */
  brightness: number;
  /** Factor on the difference from 0.5. */
  contrast: number;
  /** Standard deviation of the Gaussian noise added to each value (0..1 scale). */
  noise: number;
}

export const IDENTITY: ImageTransform = {
  dx: 0,
  dy: 0,
  angle: 0,
  zoom: 1,
  flip: false,
  brightness: 0,
  contrast: 1,
  noise: 0,
};

/** Draws with this from a uniform source in [0, 1): always seven draws, so images stay in step whatever is on. */
export function drawTransform(a: AugmentSettings, random: () => number): ImageTransform {
  const whole = (max: number) => Math.floor(random() * (2 * max + 1)) - max;
  // `+ 0` turns the −0 of a zero amount into 0, so an unchanged image's transform equals IDENTITY.
  const spread = (max: number) => (2 * random() - 1) * max + 0;
  const dx = whole(a.shift);
  const dy = whole(a.shift);
  const angle = (spread(a.rotate) * Math.PI) / 180;
  const zoom = 1 + spread(a.scale);
  const flip = random() < 0.5 && a.flip;
  const brightness = spread(a.brightness);
  const contrast = 1 + spread(a.contrast);
  return { dx, dy, angle, zoom, flip, brightness, contrast, noise: a.noise };
}

/**
 * `src` ([channels, h, w] bytes) transformed into `out`. Output pixel (x, y) reads the source at the point
 * that the shift, then the rotation and zoom about the centre ((w−1)/2, (h−1)/2), then the flip carry onto
 * it: u = x − cx − dx, v = y − cy − dy; sx = cx + (u cos θ + v sin θ) / zoom, sy = cy + (−u sin θ +
 * v cos θ) / zoom; flipped, sx = w − 1 − sx. The value there is bilinear between the four pixels around it, those outside the image
 * counting as 0 (PyTorch's grid_sample with align_corners=True and zero padding), then
 * clamp((value − 0.5) · contrast + 0.5 + brightness + noise · n) on the 0..1 scale, rounded to a byte, n a
 * standard normal value per pixel and channel drawn from `random` (needed only when there is noise).
 */
export function augmentImage(
  src: Uint8Array,
  shape: readonly [number, number, number],
  t: ImageTransform,
  out: Uint8Array = new Uint8Array(src.length),
  random?: () => number,
): Uint8Array {
  if (t.noise > 0 && !random) throw new Error('augmentImage: noise needs a source of random numbers');
  // Box–Muller: a standard normal value from two uniform ones (1 − u keeps the logarithm finite).
  const normal = () => Math.sqrt(-2 * Math.log(1 - random!())) * Math.cos(2 * Math.PI * random!());
  const [channels, h, w] = shape;
  if (src.length !== channels * h * w || out.length !== src.length)
    throw new Error(`augmentImage: an image of ${channels}×${h}×${w} has ${channels * h * w} values`);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const cos = Math.cos(t.angle) / t.zoom;
  const sin = Math.sin(t.angle) / t.zoom;
  const plane = h * w;
  const at = (c: number, x: number, y: number) =>
    x < 0 || y < 0 || x >= w || y >= h ? 0 : src[c * plane + y * w + x];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = x - cx - t.dx;
      const v = y - cy - t.dy;
      let sx = cx + u * cos + v * sin;
      const sy = cy - u * sin + v * cos;
      if (t.flip) sx = w - 1 - sx;
      // Snap values within float noise of a whole pixel, so shifts and right angles copy pixels exactly.
      const rx = Math.abs(sx - Math.round(sx)) < 1e-9 ? Math.round(sx) : sx;
      const ry = Math.abs(sy - Math.round(sy)) < 1e-9 ? Math.round(sy) : sy;
      const x0 = Math.floor(rx);
      const y0 = Math.floor(ry);
      const fx = rx - x0;
      const fy = ry - y0;
      for (let c = 0; c < channels; c++) {
        const value =
          (1 - fy) * ((1 - fx) * at(c, x0, y0) + fx * at(c, x0 + 1, y0)) +
          fy * ((1 - fx) * at(c, x0, y0 + 1) + fx * at(c, x0 + 1, y0 + 1));
        const noise = t.noise > 0 ? t.noise * normal() : 0;
        const jittered = (value / 255 - 0.5) * t.contrast + 0.5 + t.brightness + noise;
        out[c * plane + y * w + x] = Math.round(Math.min(1, Math.max(0, jittered)) * 255);
      }
    }
  }
  return out;
}
