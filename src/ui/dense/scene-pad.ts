// The scene pad's drawing as the network's input: the canvas's ink area-averaged down to the scene's side,
// keeping where each stroke is (a scene is not cropped or centred like a single MNIST digit).

/** `ink` is width × height values in 0..1; returns side × side values in 0..1, row-major. */
export function toScene(ink: Float32Array, width: number, height: number, side: number): Float32Array {
  if (ink.length !== width * height) throw new Error(`${ink.length} ink values for a ${width}×${height} pad`);
  const out = new Float32Array(side * side);
  const sx = width / side;
  const sy = height / side;
  for (let v = 0; v < side; v++) {
    const y0 = Math.floor(v * sy);
    const y1 = Math.max(y0 + 1, Math.floor((v + 1) * sy));
    for (let u = 0; u < side; u++) {
      const x0 = Math.floor(u * sx);
      const x1 = Math.max(x0 + 1, Math.floor((u + 1) * sx));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += ink[y * width + x];
      out[v * side + u] = Math.min(1, sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return out;
}

/** The pen width on a pad of `size` screen pixels for a scene of `side`: about 2.5 scene pixels, like the digits' strokes. */
export function penWidth(size: number, side: number): number {
  return Math.max(2, Math.round((2.5 * size) / side));
}
