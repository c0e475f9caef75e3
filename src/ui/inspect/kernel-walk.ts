// The explanation's animation as pure steps: a k×k kernel walks over an image with a stride and zero
// padding; each output cell is the sum of its taps' products (a cross-correlation, as PyTorch's Conv2d).

/** A Sobel-style vertical edge filter: the kernel shown when the layer has no trained 3×3 weights. */
export const EDGE_KERNEL = Float32Array.from([-1, 0, 1, -2, 0, 2, -1, 0, 1]);

export interface WalkGeometry {
  /** Input height and width. */
  h: number;
  w: number;
  k: number;
  stride: number;
  padding: number;
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

/** ⌊(n + 2p − k)/s⌋ + 1, or 0 when the kernel does not fit. */
export function walkSize(n: number, k: number, stride: number, padding: number): number {
  const span = n + 2 * padding - k;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

export function outputShape(g: WalkGeometry): { h: number; w: number } {
  return { h: walkSize(g.h, g.k, g.stride, g.padding), w: walkSize(g.w, g.k, g.stride, g.padding) };
}

/** The k×k products that make output cell (i, j). */
export function tapsAt(
  image: ArrayLike<number>,
  kernel: ArrayLike<number>,
  g: WalkGeometry,
  i: number,
  j: number,
): Tap[] {
  const taps: Tap[] = [];
  for (let m = 0; m < g.k; m++) {
    for (let n = 0; n < g.k; n++) {
      const y = i * g.stride + m - g.padding;
      const x = j * g.stride + n - g.padding;
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

/** The whole output (row-major), each cell as tapsAt would sum it. */
export function correlate(
  image: ArrayLike<number>,
  kernel: ArrayLike<number>,
  g: WalkGeometry,
): Float32Array {
  const { h, w } = outputShape(g);
  const out = new Float32Array(h * w);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) out[i * w + j] = cellValue(tapsAt(image, kernel, g, i, j));
  return out;
}

/** Output cell of animation frame `frame` (row-major order, wrapping around). */
export function cellOfFrame(frame: number, g: WalkGeometry): { i: number; j: number } {
  const { h, w } = outputShape(g);
  const cells = Math.max(1, h * w);
  const f = ((frame % cells) + cells) % cells;
  return { i: Math.floor(f / Math.max(1, w)), j: f % Math.max(1, w) };
}
