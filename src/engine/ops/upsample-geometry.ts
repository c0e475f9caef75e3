// nn.Upsample's index maths with PyTorch's rules (aten/native/UpSample.h), shared by the GPU ops and the CPU
// reference so both read the same taps. Computed in f32 as PyTorch's CPU kernels do, so every source
// index and weight is PyTorch's own, including bilinear's clamping at the edges.

export type UpsampleMode = 'nearest' | 'bilinear';

/** Integer scale factors only, as PyTorch's nn.Upsample(scale_factor=...) with whole numbers. */
export const MAX_UPSAMPLE_SCALE = 8;

export interface Upsample2dParams {
  mode: UpsampleMode;
  /** Integer factor 1..8, for both axes or as [height, width]. */
  scaleFactor: number | readonly [number, number];
  /** Bilinear only: align the corner pixels' centres (PyTorch's default false). */
  alignCorners?: boolean;
}

/**
 * Taps of every output index along one axis: out[o] = l0[o] * in[i0[o]] + l1[o] * in[i1[o]] (nearest:
 * i1 = i0, l0 = 1, l1 = 0). `spans` gives, for each input index i, the outputs [lo, hi) whose taps include
 * i (contiguous, since i0 never decreases), at 2i and 2i + 1: the backward pass gathers over them.
 */
export interface AxisTaps {
  i0: Uint32Array;
  i1: Uint32Array;
  l0: Float32Array;
  l1: Float32Array;
  spans: Uint32Array;
}

export interface UpsampleGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  oh: number;
  ow: number;
  nearest: boolean;
  rows: AxisTaps;
  cols: AxisTaps;
}

const f32 = Math.fround;

function scales(p: Upsample2dParams): [number, number] {
  const [sh, sw] = typeof p.scaleFactor === 'number' ? [p.scaleFactor, p.scaleFactor] : p.scaleFactor;
  for (const s of [sh, sw]) {
    if (!Number.isInteger(s) || s < 1 || s > MAX_UPSAMPLE_SCALE) {
      throw new Error(
        `upsample: scale factors must be integers 1..${MAX_UPSAMPLE_SCALE}, got ${JSON.stringify(p.scaleFactor)}`,
      );
    }
  }
  return [sh, sw];
}

/** PyTorch's nearest_idx: floor(o * (float)(1/scale)), clamped, with its shortcuts for factors 1 and 2. */
function nearestIndex(o: number, input: number, output: number, scale: number): number {
  if (output === input) return o;
  if (output === 2 * input) return o >> 1;
  return Math.min(Math.floor(f32(o * f32(1 / scale))), input - 1);
}

/**
 * PyTorch's area_pixel_compute_source_index for linear modes, in f32: align_corners maps o to
 * o (in-1)/(out-1); otherwise to (o + 0.5) / scale - 0.5, clamped at 0 (no clamp at the far edge: there the
 * second tap repeats the last pixel).
 */
function linearSource(o: number, input: number, output: number, scale: number, align: boolean): number {
  if (output <= 1) return 0;
  if (align) return f32(f32((input - 1) / (output - 1)) * o);
  const src = f32(f32(f32(1 / scale) * f32(o + 0.5)) - 0.5);
  return src < 0 ? 0 : src;
}

function axisTaps(input: number, scale: number, nearest: boolean, align: boolean): AxisTaps {
  const output = input * scale;
  const taps: AxisTaps = {
    i0: new Uint32Array(output),
    i1: new Uint32Array(output),
    l0: new Float32Array(output),
    l1: new Float32Array(output),
    spans: new Uint32Array(2 * input),
  };
  for (let o = 0; o < output; o++) {
    if (nearest) {
      taps.i0[o] = taps.i1[o] = nearestIndex(o, input, output, scale);
      taps.l0[o] = 1;
      continue;
    }
    const src = linearSource(o, input, output, scale, align);
    const i0 = Math.trunc(src);
    taps.i0[o] = i0;
    taps.i1[o] = i0 < input - 1 ? i0 + 1 : i0;
    taps.l1[o] = f32(src - i0);
    taps.l0[o] = f32(1 - taps.l1[o]);
  }
  // Each input's span: from the first output that taps it to one past the last.
  const seen = new Uint8Array(input);
  for (let o = 0; o < output; o++) {
    for (const i of [taps.i0[o], taps.i1[o]]) {
      if (!seen[i]) taps.spans[2 * i] = o;
      seen[i] = 1;
      taps.spans[2 * i + 1] = o + 1;
    }
  }
  return taps;
}

/** Shapes and per-axis taps of nn.Upsample on an NCHW input of `shape`. */
export function upsample2dGeometry(shape: readonly number[], p: Upsample2dParams): UpsampleGeometry {
  if (shape.length !== 4 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(`upsample: input must be [N, C, H, W] with every dimension >= 1, got [${shape}]`);
  }
  if (p.mode !== 'nearest' && p.mode !== 'bilinear') {
    throw new Error(`upsample: mode must be 'nearest' or 'bilinear', got ${JSON.stringify(p.mode)}`);
  }
  const nearest = p.mode === 'nearest';
  if (nearest && p.alignCorners) throw new Error('upsample: align_corners applies to bilinear only');
  const [sh, sw] = scales(p);
  const [n, c, h, w] = shape;
  const align = p.alignCorners ?? false;
  return {
    n,
    c,
    h,
    w,
    oh: h * sh,
    ow: w * sw,
    nearest,
    rows: axisTaps(h, sh, nearest, align),
    cols: axisTaps(w, sw, nearest, align),
  };
}

export function upsampledShape(g: UpsampleGeometry): number[] {
  return [g.n, g.c, g.oh, g.ow];
}
