// One scene: digits from a split of MNIST (or Fashion-MNIST) scaled and placed on a canvas, with a label
// per pixel and a box per digit. Scene `index` of a split is a pure function of (seed, split, index), and
// everything is integer maths, so train.py's Python port renders byte-identical scenes.
import type { SceneOptions } from './options';
import { SceneRandom, sceneSeed } from './random';

/** The split a scene draws its digits from: test scenes use test images only. */
export type SceneSplit = 'train' | 'test';

/** The images a scene draws from: count 28×28 images (0..255) and their labels. */
export interface SceneSource {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** A digit's box: pixels [x0, x1) × [y0, y1) hold its ink; `label` is its class. */
export interface SceneBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  label: number;
}

export interface Scene {
  size: number;
  /** size × size grey levels, row-major. */
  image: Uint8Array;
  /** size × size: 0 background, 1 + class where a digit's ink is (a later digit covers an earlier one). */
  mask: Uint8Array;
  boxes: SceneBox[];
}

export const DIGIT_SIDE = 28;
/** A scaled digit's pixel is ink (labelled, inside its box) from this grey level up. */
export const INK_THRESHOLD = 128;
/** A digit is placed where its square overlaps each earlier one by at most this share of the smaller. */
const MAX_OVERLAP_PERCENT = 15;
const PLACEMENT_TRIES = 10;
/** Clutter fragments: 8×8 crops drawn at half intensity (below the ink threshold). */
const FRAGMENT = 8;
export const SPLIT_CODE: Record<SceneSplit, number> = { train: 0, test: 1 };

/**
 * Bilinear taps (align_corners=False, edges clamped) from 28 source pixels to `s`, in units of 1/(2s):
 * output u samples source position ((2u + 1)·28 − s)/(2s), whose floor is i0 and remainder f.
 */
export function scaleTaps(s: number): { i0: Int32Array; i1: Int32Array; f: Int32Array } {
  const d = 2 * s;
  const i0 = new Int32Array(s);
  const i1 = new Int32Array(s);
  const f = new Int32Array(s);
  for (let u = 0; u < s; u++) {
    const p = Math.max((2 * u + 1) * DIGIT_SIDE - s, 0);
    let a = Math.floor(p / d);
    let r = p - a * d;
    if (a >= DIGIT_SIDE - 1) {
      a = DIGIT_SIDE - 1;
      r = 0;
    }
    i0[u] = a;
    i1[u] = Math.min(a + 1, DIGIT_SIDE - 1);
    f[u] = r;
  }
  return { i0, i1, f };
}

/** A 28×28 image scaled to s × s, rounded half up in whole numbers (the weights' sum is (2s)²). */
export function scaleDigit(images: Uint8Array, offset: number, s: number): Uint8Array {
  const { i0, i1, f } = scaleTaps(s);
  const d = 2 * s;
  const dd = d * d;
  const out = new Uint8Array(s * s);
  const at = (y: number, x: number) => images[offset + y * DIGIT_SIDE + x];
  for (let v = 0; v < s; v++) {
    const fy = f[v];
    for (let u = 0; u < s; u++) {
      const fx = f[u];
      const sum =
        at(i0[v], i0[u]) * (d - fy) * (d - fx) +
        at(i0[v], i1[u]) * (d - fy) * fx +
        at(i1[v], i0[u]) * fy * (d - fx) +
        at(i1[v], i1[u]) * fy * fx;
      out[v * s + u] = Math.floor((sum + dd / 2) / dd);
    }
  }
  return out;
}

interface Placed {
  x: number;
  y: number;
  s: number;
}

const overlap = (a: Placed, b: Placed) =>
  Math.max(0, Math.min(a.x + a.s, b.x + b.s) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.s, b.y + b.s) - Math.max(a.y, b.y));

/**
 * Scene `index` of `split`. The draws, in order: the digit count; per clutter fragment its image, crop
 * corner and place; per digit its image and scale, then up to 10 places until one overlaps little enough;
 * with noise, one draw per pixel.
 */
export function renderScene(
  source: SceneSource,
  options: SceneOptions,
  seed: number,
  split: SceneSplit,
  index: number,
): Scene {
  if (source.count < 1) throw new Error('a scene needs at least one source image');
  const { size } = options;
  const r = new SceneRandom(sceneSeed(seed, SPLIT_CODE[split], index));
  const image = new Uint8Array(size * size);
  const mask = new Uint8Array(size * size);
  const boxes: SceneBox[] = [];
  const digits = options.minDigits + r.int(options.maxDigits - options.minDigits + 1);
  const pixels = DIGIT_SIDE * DIGIT_SIDE;
  for (let c = 0; c < options.clutter; c++) {
    const k = r.int(source.count);
    const cx = r.int(DIGIT_SIDE - FRAGMENT + 1);
    const cy = r.int(DIGIT_SIDE - FRAGMENT + 1);
    const x = r.int(size - FRAGMENT + 1);
    const y = r.int(size - FRAGMENT + 1);
    for (let v = 0; v < FRAGMENT; v++) {
      for (let u = 0; u < FRAGMENT; u++) {
        const value = source.images[k * pixels + (cy + v) * DIGIT_SIDE + cx + u] >> 1;
        const i = (y + v) * size + x + u;
        if (value > image[i]) image[i] = value;
      }
    }
  }
  const placed: Placed[] = [];
  for (let d = 0; d < digits; d++) {
    const k = r.int(source.count);
    const s = options.minScale + r.int(options.maxScale - options.minScale + 1);
    let spot: Placed | null = null;
    for (let t = 0; t < PLACEMENT_TRIES && !spot; t++) {
      const here = { x: r.int(size - s + 1), y: r.int(size - s + 1), s };
      const fits = placed.every(
        (p) => 100 * overlap(here, p) <= MAX_OVERLAP_PERCENT * Math.min(s * s, p.s * p.s),
      );
      if (fits) spot = here;
    }
    if (!spot) continue;
    placed.push(spot);
    const digit = scaleDigit(source.images, k * pixels, s);
    const box = { x0: size, y0: size, x1: -1, y1: -1, label: source.labels[k] };
    for (let v = 0; v < s; v++) {
      for (let u = 0; u < s; u++) {
        const value = digit[v * s + u];
        const i = (spot.y + v) * size + spot.x + u;
        if (value > image[i]) image[i] = value;
        if (value < INK_THRESHOLD) continue;
        mask[i] = box.label + 1;
        box.x0 = Math.min(box.x0, spot.x + u);
        box.y0 = Math.min(box.y0, spot.y + v);
        box.x1 = Math.max(box.x1, spot.x + u + 1);
        box.y1 = Math.max(box.y1, spot.y + v + 1);
      }
    }
    if (box.x1 > 0) boxes.push(box);
  }
  if (options.noise > 0) {
    const a = options.noise;
    for (let i = 0; i < image.length; i++)
      image[i] = Math.min(255, Math.max(0, image[i] + r.int(2 * a + 1) - a));
  }
  return { size, image, mask, boxes };
}
