// A whole tensor as one picture, so an element's place can be followed: an image's channels as tiles
// (⌈√C⌉ a row, one empty cell between), a flat vector in rows of `width`. Gaps are NaN.

export interface Layout {
  h: number;
  w: number;
  /** The picture's cell (row-major) of each element, in the tensor's own order. */
  cells: Int32Array;
}

export function layoutOf(shape: readonly number[], width?: number): Layout {
  if (shape.length === 3) {
    const [c, h, w] = shape;
    const cols = Math.ceil(Math.sqrt(c));
    const rows = Math.ceil(c / cols);
    const pw = cols * (w + 1) - 1;
    const cells = new Int32Array(c * h * w);
    for (let k = 0; k < c; k++)
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const py = Math.floor(k / cols) * (h + 1) + y;
          const px = (k % cols) * (w + 1) + x;
          cells[(k * h + y) * w + x] = py * pw + px;
        }
    return { h: rows * (h + 1) - 1, w: pw, cells };
  }
  const n = shape[0];
  const w = Math.max(1, width ?? Math.ceil(Math.sqrt(n)));
  return { h: Math.ceil(n / w), w, cells: Int32Array.from({ length: n }, (_, i) => i) };
}

/** The picture of `data` in `layout`, with elements from `upto` + 1 on left out (NaN). */
export function paintLayout(layout: Layout, data: ArrayLike<number>, upto = data.length - 1): Float32Array {
  const out = new Float32Array(layout.h * layout.w).fill(NaN);
  for (let i = 0; i <= upto && i < data.length; i++) out[layout.cells[i]] = data[i];
  return out;
}

/** Row and column of element `index` in the picture. */
export function cellAt(layout: Layout, index: number): { y: number; x: number } {
  const cell = layout.cells[index];
  return { y: Math.floor(cell / layout.w), x: cell % layout.w };
}

/** (c, y, x) of element `index` of an image, or [index] of a vector, in words. */
export function indexName(shape: readonly number[], index: number): string {
  if (shape.length !== 3) return `[${index}]`;
  const [, h, w] = shape;
  return `(${Math.floor(index / (h * w))}, ${Math.floor(index / w) % h}, ${index % w})`;
}
