// Colour scales for weights and activations. Diverging (blue-white-red) for signed values, one scale per
// layer so kernels compare; sequential (black-to-yellow, "inferno"-like) for magnitudes such as saliency.

export type Rgb = [number, number, number];

const BLUE: Rgb = [33, 102, 172];
const WHITE: Rgb = [247, 247, 247];
const RED: Rgb = [178, 24, 43];

/** Largest |value| (0 for an empty or all-zero array); NaN entries are ignored. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/** -scale -> blue, 0 -> white, +scale -> red, linearly, clamped; a zero scale gives white. */
export function diverging(value: number, scale: number): Rgb {
  const t = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  const end = t < 0 ? BLUE : RED;
  const a = Math.abs(t);
  return [0, 1, 2].map((k) => Math.round(WHITE[k] + (end[k] - WHITE[k]) * a)) as Rgb;
}

const SEQUENTIAL: Rgb[] = [
  [0, 0, 4],
  [87, 16, 110],
  [188, 55, 84],
  [249, 142, 9],
  [252, 255, 164],
];

/** 0 -> black, 1 -> pale yellow through purple, red and orange, clamped. */
export function sequential(t: number): Rgb {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (SEQUENTIAL.length - 1);
  const i = Math.min(SEQUENTIAL.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((k) =>
    Math.round(SEQUENTIAL[i][k] + (SEQUENTIAL[i + 1][k] - SEQUENTIAL[i][k]) * f),
  ) as Rgb;
}

/** Minimum and maximum of the values (0, 0 when empty). */
export function range(values: ArrayLike<number>): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return { min, max };
}

/** Writes `values` (h×w, row-major) into RGBA pixels with `colour`. */
export function paint(
  values: ArrayLike<number>,
  colour: (v: number) => Rgb,
  out: Uint8ClampedArray,
): Uint8ClampedArray {
  for (let i = 0; i < values.length; i++) {
    const [r, g, b] = colour(values[i]);
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = 255;
  }
  return out;
}
