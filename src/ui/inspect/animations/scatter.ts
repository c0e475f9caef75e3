// Transposed convolution (the seed's deconvolution) as a scatter: input pixel (y, x) stamps its value times
// the k×k kernel onto the output at rows y·s − p + d·m and columns x·s − p + d·n; stamps that overlap add up.
// PyTorch's ConvTranspose2d weight is [C_in, C_out/groups, k, k].

export interface ScatterGeometry {
  /** Input height and width. */
  h: number;
  w: number;
  k: number;
  stride: number;
  padding: number;
  dilation: number;
  /** Output height and width (output_padding included). */
  oh: number;
  ow: number;
}

export interface Stamp {
  m: number;
  n: number;
  /** The output cell the tap lands on. */
  oy: number;
  ox: number;
}

/** Where input pixel (y, x) lands for each kernel tap inside the output. */
export function stampsOf(g: ScatterGeometry, y: number, x: number): Stamp[] {
  const out: Stamp[] = [];
  for (let m = 0; m < g.k; m++)
    for (let n = 0; n < g.k; n++) {
      const oy = y * g.stride - g.padding + g.dilation * m;
      const ox = x * g.stride - g.padding + g.dilation * n;
      if (oy >= 0 && oy < g.oh && ox >= 0 && ox < g.ow) out.push({ m, n, oy, ox });
    }
  return out;
}

/** One channel's stamps of input pixels 0..upto (row-major), added up: the output built so far. */
export function scatter(
  plane: ArrayLike<number>,
  kernel: ArrayLike<number>,
  g: ScatterGeometry,
  upto = g.h * g.w - 1,
): Float32Array {
  const out = new Float32Array(g.oh * g.ow);
  for (let p = 0; p <= upto && p < g.h * g.w; p++) {
    const v = plane[p];
    for (const s of stampsOf(g, Math.floor(p / g.w), p % g.w))
      out[s.oy * g.ow + s.ox] += v * kernel[s.m * g.k + s.n];
  }
  return out;
}

/** Offset of the k×k kernel from input channel c to output map o in a grouped transposed weight. */
export function transposeKernelAt(c: number, o: number, outChannels: number, groups: number, k: number) {
  const perGroup = outChannels / groups;
  return (c * perGroup + (o % perGroup)) * k * k;
}

/** The input channels that reach output map o: those of o's group. */
export function transposeChannels(o: number, channels: number, outChannels: number, groups: number) {
  const perGroup = channels / groups;
  const first = Math.floor(o / (outChannels / groups)) * perGroup;
  return Array.from({ length: perGroup }, (_, i) => first + i);
}

/** Output map o of a grouped ConvTranspose2d on `input` [C, H, W]: bias plus every channel's scatter. */
export function transposeMap(
  input: Float32Array,
  channels: number,
  weight: Float32Array,
  bias: Float32Array | null,
  outChannels: number,
  groups: number,
  o: number,
  g: ScatterGeometry,
): Float32Array {
  const plane = g.h * g.w;
  const kk = g.k * g.k;
  const out = new Float32Array(g.oh * g.ow).fill(bias?.[o] ?? 0);
  for (const c of transposeChannels(o, channels, outChannels, groups)) {
    const at = transposeKernelAt(c, o, outChannels, groups, g.k);
    const part = scatter(input.subarray(c * plane, (c + 1) * plane), weight.subarray(at, at + kk), g);
    part.forEach((v, i) => (out[i] += v));
  }
  return out;
}
