// A node's live picture as pixels, computed once per update and painted with one putImageData: feature
// maps side by side (one colour scale per layer, as the feature-map view: sequential when every value is
// ≥ 0, blue-white-red otherwise), a vector as bars (red up, blue down), class probabilities as bars.
// Colours come from 257-entry tables, so a strip costs a table lookup per pixel.
import { diverging, maxAbs, range, sequential, type Rgb } from '../../inspect/colour';

export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
}

// Odd, so that 0 on a signed scale (t = 0.5) has an entry of its own: white.
const LEVELS = 257;
const table = (colour: (t: number) => Rgb) =>
  Array.from({ length: LEVELS }, (_, i) => colour(i / (LEVELS - 1)));
/** 0..1 -> black to pale yellow; and -1..1 (as 0..1) -> blue, white, red. */
const SEQUENTIAL = table(sequential);
const DIVERGING = table((t) => diverging(2 * t - 1, 1));
/** The gap between two maps of a strip. */
const GAP: Rgb = [128, 128, 128];

function put(rgba: Uint8ClampedArray, pixel: number, [r, g, b]: Rgb): void {
  rgba[4 * pixel] = r;
  rgba[4 * pixel + 1] = g;
  rgba[4 * pixel + 2] = b;
  rgba[4 * pixel + 3] = 255;
}

/** The maps of a [c, h, w] output side by side, 1 px apart, each value one pixel. */
export function mapStrip(data: Float32Array, [c, h, w]: readonly number[]): Pixels {
  const width = c * (w + 1) - 1;
  const rgba = new Uint8ClampedArray(width * h * 4);
  const { min, max } = range(data);
  const signed = min < 0;
  const scale = signed ? maxAbs(data) : max;
  const lut = signed ? DIVERGING : SEQUENTIAL;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < width; x++) {
      const ch = Math.floor(x / (w + 1));
      const col = x - ch * (w + 1);
      const pixel = y * width + x;
      if (col === w) {
        put(rgba, pixel, GAP);
        continue;
      }
      const v = data[ch * h * w + y * w + col];
      const t = scale > 0 ? (signed ? (v / scale + 1) / 2 : v / scale) : signed ? 0.5 : 0;
      const k = Math.round(Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (LEVELS - 1));
      put(rgba, pixel, lut[k]);
    }
  return { width, height: h, rgba };
}

/** `values` as `bars` columns of a width×height picture (means of equal runs where there are more values
 *  than bars), up from the middle in red when positive, down in blue when negative; the rest transparent. */
export function barStrip(values: Float32Array, bars: number, height: number): Pixels {
  const width = Math.max(1, Math.min(bars, values.length));
  const rgba = new Uint8ClampedArray(width * height * 4);
  const means = Array.from({ length: width }, (_, i) => {
    const from = Math.floor((i * values.length) / width);
    const to = Math.max(from + 1, Math.floor(((i + 1) * values.length) / width));
    let sum = 0;
    for (let k = from; k < to; k++) sum += values[k];
    return sum / (to - from);
  });
  const scale = maxAbs(means) || 1;
  const mid = height / 2;
  means.forEach((m, x) => {
    const length = Math.round((Math.abs(m) / scale) * mid);
    const colour: Rgb = m >= 0 ? [178, 24, 43] : [33, 102, 172];
    for (let k = 0; k < length; k++)
      put(rgba, (m >= 0 ? Math.floor(mid) - 1 - k : Math.ceil(mid) + k) * width + x, colour);
  });
  return { width, height, rgba };
}

/** Softmax of the logits (shifted by their maximum, so large scores do not overflow). */
export function softmax(logits: ArrayLike<number>): number[] {
  let top = -Infinity;
  for (let i = 0; i < logits.length; i++) top = Math.max(top, logits[i]);
  const e = Array.from(logits, (v) => Math.exp(v - top));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
