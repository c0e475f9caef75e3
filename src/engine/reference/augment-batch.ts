// CPU reference of augment_gather: a training batch gathered and augmented sample by sample. Sample b of
// training step `step` gets a transform drawn from counter-based hashes of (b, step, seed), and per-value
// noise from hashes of (value index, step, noise seed), so the GPU kernel (shaders/augment_gather.wgsl),
// this reference and the CPU backends draw the same transforms: no state is carried between steps, and a
// resumed run or a moved backend sees the same images. The transform's maths is augmentValues below.
import { dropoutHash } from './dropout';
import type { GatherSource } from './gather-batch';
import { reparameterizeNoise } from './reparameterize';

/** The largest amounts drawn (network/augment.ts's settings, which hold the same fields). */
export interface AugmentAmounts {
  /** Whole pixels, in −shift..shift along each axis. */
  shift: number;
  /** Degrees, in ±rotate. */
  rotate: number;
  /** Zoom in 1 ± scale. */
  scale: number;
  /** Mirror half of the time. */
  flip: boolean;
  brightness: number;
  contrast: number;
  /** Standard deviation of the Gaussian noise (0..1 scale). */
  noise: number;
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

/** The seeds of one run's augmentation: transforms and noise come from separate hash streams. */
export interface AugmentSeeds {
  seed: number;
  noiseSeed: number;
}

/** What a run's training gather augments with: the image shape, the amounts and the seeds. */
export interface AugmentPlan {
  /** [channels, height, width] of one image. */
  shape: readonly [number, number, number];
  amounts: AugmentAmounts;
  seeds: AugmentSeeds;
}

const TWO_POW_24 = 16777216;
/** Hash draws per sample: dx, dy, angle, zoom, flip, brightness, contrast (one slot spare). */
export const DRAWS_PER_SAMPLE = 8;

/**
 * Sample `sample`'s transform at `step`: draw k is the top 24 bits r of pcg3d(8·sample + k, step, seed).
 * Shifts are ⌊r·(2s + 1) / 2^24⌋ − s in whole integers (exact on both sides); a spread is (2r/2^24 − 1)·max;
 * the flip is r < 2^23. The rotation is kept in turns (degrees / 360) as the kernel's cos_2pi takes it.
 */
export function drawSampleTransform(
  a: AugmentAmounts,
  seed: number,
  step: number,
  sample: number,
): ImageTransform {
  const r = (k: number) => dropoutHash(DRAWS_PER_SAMPLE * sample + k, step, seed) >>> 8;
  const whole = (k: number, max: number) => Math.floor((r(k) * (2 * max + 1)) / TWO_POW_24) - max;
  // `+ 0` turns the −0 of a zero amount into 0, so an unchanged image's transform equals IDENTITY.
  const spread = (k: number, max: number) => ((2 * r(k)) / TWO_POW_24 - 1) * max + 0;
  return {
    dx: whole(0, a.shift),
    dy: whole(1, a.shift),
    angle: 2 * Math.PI * spread(2, a.rotate / 360) + 0,
    zoom: 1 + spread(3, a.scale),
    flip: a.flip && r(4) < TWO_POW_24 / 2,
    brightness: spread(5, a.brightness),
    contrast: 1 + spread(6, a.contrast),
    noise: a.noise,
  };
}

/**
 * `src` from `from` ([channels, h, w] bytes) transformed into `out` from `to`, on the 0..1 scale. Output
 * pixel (x, y) reads the source at the point that the shift, then the rotation and zoom about the centre
 * ((w−1)/2, (h−1)/2), then the flip carry onto it: u = x − cx − dx, v = y − cy − dy; sx = cx + (u cos θ +
 * v sin θ) / zoom, sy = cy + (−u sin θ + v cos θ) / zoom; flipped, sx = w − 1 − sx. The value there is
 * bilinear between the four pixels around it, those outside the image counting as 0 (PyTorch's grid_sample
 * with align_corners=True and zero padding), then clamp((value − 0.5) · contrast + 0.5 + brightness +
 * noise · n(i)) to [0, 1], n(i) the standard normal value of output value i (needed only with noise).
 */
export function augmentValues(
  src: Uint8Array,
  from: number,
  shape: readonly [number, number, number],
  t: ImageTransform,
  out: Float32Array | Float64Array,
  to: number,
  normal?: (i: number) => number,
): void {
  if (t.noise > 0 && !normal) throw new Error('augment: noise needs a source of normal values');
  const [channels, h, w] = shape;
  if (from + channels * h * w > src.length || to + channels * h * w > out.length)
    throw new Error(`augment: an image of ${channels}×${h}×${w} has ${channels * h * w} values`);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const cos = Math.cos(t.angle) / t.zoom;
  const sin = Math.sin(t.angle) / t.zoom;
  const plane = h * w;
  const at = (c: number, x: number, y: number) =>
    x < 0 || y < 0 || x >= w || y >= h ? 0 : src[from + c * plane + y * w + x];
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
        const i = c * plane + y * w + x;
        const noise = t.noise > 0 ? t.noise * normal!(i) : 0;
        const jittered = (value / 255 - 0.5) * t.contrast + 0.5 + t.brightness + noise;
        out[to + i] = Math.min(1, Math.max(0, jittered));
      }
    }
  }
}

/** One image transformed to bytes (augmentValues rounded): what the preview shows and torch is held to. */
export function augmentImage(
  src: Uint8Array,
  shape: readonly [number, number, number],
  t: ImageTransform,
  normal?: (i: number) => number,
): Uint8Array {
  if (src.length !== shape[0] * shape[1] * shape[2])
    throw new Error(`augment: an image of ${shape.join('×')} has ${shape[0] * shape[1] * shape[2]} values`);
  const values = new Float64Array(src.length);
  augmentValues(src, 0, shape, t, values, 0, normal);
  return Uint8Array.from(values, (v) => Math.round(v * 255));
}

/** Sample b's noise at `step`: value i of the batch is b·pixels + i, so samples never share noise. */
export function sampleNoise(seeds: AugmentSeeds, step: number, sample: number, pixels: number) {
  return (i: number) => reparameterizeNoise(sample * pixels + i, step, seeds.noiseSeed);
}

/**
 * gatherBatch with each sample augmented first: x[b] = (augmented(images[indices[start + b]]) − mean) / std
 * with sample b's transform at `step`, y[b] = labels[indices[start + b]].
 */
export function gatherAugmentBatch(
  src: GatherSource,
  shape: readonly [number, number, number],
  indices: Uint32Array,
  start: number,
  batch: number,
  norm: { mean: number; std: number },
  amounts: AugmentAmounts,
  seeds: AugmentSeeds,
  step: number,
  x: Float32Array,
  y: Uint32Array,
): void {
  const { images, labels, pixels } = src;
  if (shape[0] * shape[1] * shape[2] !== pixels)
    throw new Error(`augment: images of ${pixels} values are not ${shape.join('×')}`);
  const invStd = 1 / norm.std;
  for (let b = 0; b < batch; b++) {
    const image = indices[start + b];
    const t = drawSampleTransform(amounts, seeds.seed, step, b);
    augmentValues(images, image * pixels, shape, t, x, b * pixels, sampleNoise(seeds, step, b, pixels));
    for (let p = b * pixels; p < (b + 1) * pixels; p++) x[p] = (x[p] - norm.mean) * invStd;
    y[b] = labels[image];
  }
}
