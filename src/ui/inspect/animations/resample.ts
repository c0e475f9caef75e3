// Where each output cell of adaptive average pooling and of nn.Upsample comes from, in PyTorch's own
// arithmetic: adaptive bins [⌊i·H/OH⌋, ⌈(i+1)·H/OH⌉), and upsampling's source positions computed in
// float32 as PyTorch's CPU kernels do (nearest: ⌊o·(1/s)⌋; bilinear: (o + ½)/s − ½ clamped at 0, or
// o·(H−1)/(OH−1) with align_corners), blending the two neighbours on each axis.

/** Rows (or columns) [start, end) that adaptive pooling averages for output index i. */
export function adaptiveBin(i: number, input: number, output: number): [number, number] {
  return [Math.floor((i * input) / output), Math.ceil(((i + 1) * input) / output)];
}

export interface AxisTap {
  index: number;
  weight: number;
}

const f32 = Math.fround;

/** The input indices (1 or 2) and weights that output index o reads along one axis. */
export function upsampleAxis(
  o: number,
  input: number,
  scale: number,
  bilinear: boolean,
  alignCorners: boolean,
): AxisTap[] {
  const output = input * scale;
  if (!bilinear) {
    const index = output === input ? o : Math.min(Math.floor(f32(o * f32(1 / scale))), input - 1);
    return [{ index, weight: 1 }];
  }
  let src = 0;
  if (output > 1)
    src = alignCorners
      ? f32(f32((input - 1) / (output - 1)) * o)
      : Math.max(0, f32(f32(f32(1 / scale) * f32(o + 0.5)) - 0.5));
  const i0 = Math.trunc(src);
  const l1 = f32(src - i0);
  if (i0 >= input - 1 || l1 === 0) return [{ index: i0, weight: 1 }];
  return [
    { index: i0, weight: f32(1 - l1) },
    { index: i0 + 1, weight: l1 },
  ];
}

export interface PixelTap {
  y: number;
  x: number;
  weight: number;
}

/** The input pixels and weights that output pixel (i, j) blends. */
export function upsampleTaps(
  i: number,
  j: number,
  h: number,
  w: number,
  scale: number,
  bilinear: boolean,
  alignCorners: boolean,
): PixelTap[] {
  const rows = upsampleAxis(i, h, scale, bilinear, alignCorners);
  const cols = upsampleAxis(j, w, scale, bilinear, alignCorners);
  return rows.flatMap((r) => cols.map((c) => ({ y: r.index, x: c.index, weight: r.weight * c.weight })));
}

/** One channel upsampled by its taps. */
export function upsamplePlane(
  plane: ArrayLike<number>,
  h: number,
  w: number,
  scale: number,
  bilinear: boolean,
  alignCorners: boolean,
): Float32Array {
  const oh = h * scale;
  const ow = w * scale;
  const out = new Float32Array(oh * ow);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++)
      out[i * ow + j] = upsampleTaps(i, j, h, w, scale, bilinear, alignCorners).reduce(
        (s, t) => s + t.weight * plane[t.y * w + t.x],
        0,
      );
  return out;
}

/** One channel adaptively average-pooled to oh×ow. */
export function adaptivePlane(plane: ArrayLike<number>, h: number, w: number, oh: number, ow: number) {
  const out = new Float32Array(oh * ow);
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) {
      const [y0, y1] = adaptiveBin(i, h, oh);
      const [x0, x1] = adaptiveBin(j, w, ow);
      let s = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += plane[y * w + x];
      out[i * ow + j] = s / ((y1 - y0) * (x1 - x0));
    }
  return out;
}
