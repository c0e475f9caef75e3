// The window animations as pure steps: a k×k window (taps d apart) walks over an image with a stride and
// padding. A convolution's output cell is the sum of its taps' products (a cross-correlation, as PyTorch's
// Conv2d); max pooling keeps the largest value inside the image (its padding is −∞); average pooling
// divides by the taps inside the padded image, or inside the image alone (count_include_pad false).

/** A Sobel-style vertical edge filter: the kernel shown when the layer has no trained 3×3 weights. */
export const EDGE_KERNEL = Float32Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]);

export interface WalkGeometry {
  /** Input height and width. */
  h: number;
  w: number;
  k: number;
  stride: number;
  padding: number;
  /** Spacing of the taps (1: adjacent). */
  dilation?: number;
  /** Pooling's ceil_mode: a last, partial window where it still starts inside the image or left padding. */
  ceil?: boolean;
}

export interface Tap {
  m: number;
  n: number;
  /** The input row and column read; outside the image when `inside` is false (a padding zero). */
  y: number;
  x: number;
  inside: boolean;
  value: number;
  weight: number;
  product: number;
}

/** PyTorch's output size: ⌊(n + 2p − d(k−1) − 1)/s⌋ + 1 (or ⌈⌉ in ceil mode), 0 when nothing fits. */
export function walkSize(n: number, k: number, stride: number, padding: number, dilation = 1, ceil = false) {
  const span = n + 2 * padding - dilation * (k - 1) - 1;
  if (span < 0) return 0;
  let out = (ceil ? Math.ceil(span / stride) : Math.floor(span / stride)) + 1;
  // A window must start inside the image or its left padding.
  if (ceil && (out - 1) * stride >= n + padding) out--;
  return out;
}

export function outputShape(g: WalkGeometry): { h: number; w: number } {
  const size = (n: number) => walkSize(n, g.k, g.stride, g.padding, g.dilation ?? 1, g.ceil ?? false);
  return { h: size(g.h), w: size(g.w) };
}

/** The k×k taps that make output cell (i, j). */
export function tapsAt(
  image: ArrayLike<number>,
  kernel: ArrayLike<number>,
  g: WalkGeometry,
  i: number,
  j: number,
): Tap[] {
  const d = g.dilation ?? 1;
  const taps: Tap[] = [];
  for (let m = 0; m < g.k; m++) {
    for (let n = 0; n < g.k; n++) {
      const y = i * g.stride + m * d - g.padding;
      const x = j * g.stride + n * d - g.padding;
      const inside = y >= 0 && y < g.h && x >= 0 && x < g.w;
      const value = inside ? image[y * g.w + x] : 0;
      const weight = kernel[m * g.k + n];
      taps.push({ m, n, y, x, inside, value, weight, product: value * weight });
    }
  }
  return taps;
}

export function cellValue(taps: readonly Tap[]): number {
  return taps.reduce((s, t) => s + t.product, 0);
}

export type PoolMode = 'max' | 'avg';

/** A pooling window's value: the largest tap inside the image, or the mean by PyTorch's divisor. */
export function poolValue(taps: readonly Tap[], mode: PoolMode, g: WalkGeometry, countIncludePad = true) {
  const inside = taps.filter((t) => t.inside);
  if (mode === 'max') return inside.reduce((m, t) => Math.max(m, t.value), -Infinity);
  const p = g.padding;
  // Taps past the padded image (ceil mode's last window) never count.
  const padded = taps.filter((t) => t.y >= -p && t.y < g.h + p && t.x >= -p && t.x < g.w + p);
  const divisor = countIncludePad ? padded.length : inside.length;
  return inside.reduce((s, t) => s + t.value, 0) / divisor;
}

/** The whole output (row-major), each cell as `cell` makes it from its taps. */
export function walk(
  image: ArrayLike<number>,
  kernel: ArrayLike<number>,
  g: WalkGeometry,
  cell: (taps: Tap[]) => number,
): Float32Array {
  const { h, w } = outputShape(g);
  const out = new Float32Array(h * w);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) out[i * w + j] = cell(tapsAt(image, kernel, g, i, j));
  return out;
}

/** The cross-correlation of one plane with one kernel. */
export const correlate = (image: ArrayLike<number>, kernel: ArrayLike<number>, g: WalkGeometry) =>
  walk(image, kernel, g, cellValue);

/**
 * Output map `o` of a grouped Conv2d: bias plus, over the input channels of o's group, each channel's
 * correlation with its kernel. `input` is [C, H, W]; `weight` is [O, C/groups, k, k].
 */
export function convMap(
  input: Float32Array,
  channels: number,
  weight: Float32Array,
  bias: Float32Array | null,
  outChannels: number,
  groups: number,
  o: number,
  g: WalkGeometry,
): Float32Array {
  const plane = g.h * g.w;
  const perGroup = channels / groups;
  const first = Math.floor(o / (outChannels / groups)) * perGroup;
  const kk = g.k * g.k;
  const { h, w } = outputShape(g);
  const out = new Float32Array(h * w).fill(bias?.[o] ?? 0);
  for (let c = 0; c < perGroup; c++) {
    const image = input.subarray((first + c) * plane, (first + c + 1) * plane);
    const kernel = weight.subarray((o * perGroup + c) * kk, (o * perGroup + c + 1) * kk);
    correlate(image, kernel, g).forEach((v, i) => (out[i] += v));
  }
  return out;
}

/** Output cell of animation frame `frame` (row-major order, wrapping around). */
export function cellOfFrame(frame: number, g: WalkGeometry): { i: number; j: number } {
  const { h, w } = outputShape(g);
  const cells = Math.max(1, h * w);
  const f = ((frame % cells) + cells) % cells;
  return { i: Math.floor(f / Math.max(1, w)), j: f % Math.max(1, w) };
}
