// Lays out many small maps (kernels, feature maps) as one image: tiles in a grid with a 1-pixel gap,
// so a whole layer is one canvas draw.

export interface Tiled {
  values: Float32Array;
  h: number;
  w: number;
}

/** `count` tiles of th×tw from `data` (consecutive), `cols` per row; gaps are filled with `gap`. */
export function tile(
  data: ArrayLike<number>,
  count: number,
  th: number,
  tw: number,
  cols: number,
  gap: number,
): Tiled {
  const rows = Math.ceil(count / cols);
  const h = rows * (th + 1) - 1;
  const w = cols * (tw + 1) - 1;
  const values = new Float32Array(h * w).fill(gap);
  for (let t = 0; t < count; t++) {
    const oy = Math.floor(t / cols) * (th + 1);
    const ox = (t % cols) * (tw + 1);
    for (let y = 0; y < th; y++)
      for (let x = 0; x < tw; x++) values[(oy + y) * w + ox + x] = data[t * th * tw + y * tw + x];
  }
  return { values, h, w };
}
