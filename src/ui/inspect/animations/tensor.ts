// A layer's tensors as the animations draw them: an image [C, H, W] is C planes of H×W; a flat vector [N]
// is one plane of N values in rows of ⌈√N⌉ (cells past N are NaN, drawn as background).

export interface Tensor {
  shape: readonly number[];
  data: Float32Array;
}

export interface Plane {
  h: number;
  w: number;
  values: Float32Array;
}

/** Channels of an image; a flat vector is one plane. */
export const planeCount = (shape: readonly number[]): number => (shape.length === 3 ? shape[0] : 1);

/** Rows and columns of a flat vector's grid: ⌈√n⌉ columns. */
export function vectorGrid(n: number): { h: number; w: number } {
  const w = Math.max(1, Math.ceil(Math.sqrt(n)));
  return { h: Math.max(1, Math.ceil(n / w)), w };
}

/** Plane `c` of an image, or a flat vector laid out in its grid. */
export function planeOf(t: Tensor, c = 0): Plane {
  if (t.shape.length === 3) {
    const [, h, w] = t.shape;
    return { h, w, values: t.data.subarray(c * h * w, (c + 1) * h * w) };
  }
  const { h, w } = vectorGrid(t.data.length);
  const values = new Float32Array(h * w).fill(NaN);
  values.set(t.data);
  return { h, w, values };
}

/** Largest |a[i] − b[i]|; Infinity when the lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Whether values recomputed in float64 match float32 results: within 1e-4 of the largest magnitude. */
export function agrees(
  computed: ArrayLike<number>,
  actual: ArrayLike<number>,
): { ok: boolean; diff: number } {
  let scale = 1;
  for (let i = 0; i < actual.length; i++) scale = Math.max(scale, Math.abs(actual[i]));
  const diff = maxAbsDiff(computed, actual);
  return { ok: diff <= 1e-4 * scale, diff };
}

export interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** Mean, population standard deviation, minimum and maximum of the finite values. */
export function statsOf(values: ArrayLike<number>): Stats {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (n === 0) return { mean: 0, std: 0, min: 0, max: 0 };
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) sq += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / n), min, max };
}

/** Counts of the values in `bins` equal bins over [lo, hi] (values outside are clamped into the ends). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = hi > lo ? (hi - lo) / bins : 1;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    const b = Math.floor((values[i] - lo) / width);
    counts[Math.max(0, Math.min(bins - 1, b))]++;
  }
  return counts;
}

/** A sum in words: "0.511 + 0.250·x − 0.134", negative terms with a minus sign. */
export function sumText(terms: readonly (number | string)[]): string {
  return terms
    .map((t, i) => {
      const text = typeof t === 'number' ? fmt(t) : t;
      const negative = text.startsWith('-');
      const body = negative ? text.slice(1) : text;
      return i === 0 ? (negative ? `−${body}` : body) : `${negative ? '−' : '+'} ${body}`;
    })
    .join(' ');
}

/** A number in a fixed width for captions: 3 decimals, or exponent form when tiny or huge. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(2) : v.toFixed(3);
}
