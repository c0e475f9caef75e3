// Pooling window geometry with PyTorch's rules (aten/native/Pool.h), shared by the GPU ops and the CPU
// reference so both see the same output size, padding limit and ceil_mode behaviour.

import { poolOut } from '../geometry';

/** A size given once for both axes, or as [height, width]. */
export type Pair = number | readonly [number, number];

export interface MaxPool2dParams {
  kernelSize: Pair;
  /** Defaults to kernelSize, as in PyTorch. */
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
}

export interface AvgPool2dParams {
  kernelSize: Pair;
  stride?: Pair;
  padding?: Pair;
  ceilMode?: boolean;
  /** Whether padded zeros count in the divisor; PyTorch's default is true. */
  countIncludePad?: boolean;
}

/** Everything a pooling kernel needs, resolved: input NCHW, output OH x OW, per-axis window parameters. */
export interface PoolGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  oh: number;
  ow: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  ceilMode: boolean;
}

function pair(op: string, name: string, v: Pair, min: number): [number, number] {
  const [a, b] = typeof v === 'number' ? [v, v] : v;
  for (const x of [a, b]) {
    if (!Number.isInteger(x) || x < min) {
      throw new Error(`${op}: ${name} must be integers >= ${min}, got ${JSON.stringify(v)}`);
    }
  }
  return [a, b];
}

/** PyTorch's pooling_output_shape (see geometry.ts), in this file's argument order. */
export function pooledSize(
  input: number,
  kernel: number,
  pad: number,
  stride: number,
  dilation: number,
  ceilMode: boolean,
): number {
  return poolOut(input, kernel, stride, pad, dilation, ceilMode);
}

export function checkInputShape(op: string, shape: readonly number[]): [number, number, number, number] {
  if (shape.length !== 4 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`${op}: input must be NCHW with positive sizes, got [${shape}]`);
  }
  return [shape[0], shape[1], shape[2], shape[3]];
}

function geometry(
  op: string,
  shape: readonly number[],
  kernelSize: Pair,
  stride: Pair | undefined,
  padding: Pair,
  dilation: Pair,
  ceilMode: boolean,
): PoolGeometry {
  const [n, c, h, w] = checkInputShape(op, shape);
  const [kh, kw] = pair(op, 'kernelSize', kernelSize, 1);
  const [sh, sw] = pair(op, 'stride', stride ?? kernelSize, 1);
  const [ph, pw] = pair(op, 'padding', padding, 0);
  const [dh, dw] = pair(op, 'dilation', dilation, 1);
  if (ph > Math.floor(kh / 2) || pw > Math.floor(kw / 2)) {
    throw new Error(
      `${op}: padding [${ph}, ${pw}] must be at most half the kernel size [${kh}, ${kw}] (PyTorch's limit)`,
    );
  }
  const oh = pooledSize(h, kh, ph, sh, dh, ceilMode);
  const ow = pooledSize(w, kw, pw, sw, dw, ceilMode);
  if (oh < 1 || ow < 1) {
    throw new Error(`${op}: input [${h}, ${w}] is too small for this window; output would be [${oh}, ${ow}]`);
  }
  return { n, c, h, w, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw, ceilMode };
}

/** True when the window of output position o along one axis has at least one tap inside the input. */
function windowHitsInput(o: number, size: number, k: number, s: number, p: number, d: number): boolean {
  for (let t = 0; t < k; t++) {
    const i = o * s - p + t * d;
    if (i >= 0 && i < size) return true;
  }
  return false;
}

export function maxPool2dGeometry(shape: readonly number[], params: MaxPool2dParams): PoolGeometry {
  const op = 'max_pool2d';
  const g = geometry(
    op,
    shape,
    params.kernelSize,
    params.stride,
    params.padding ?? 0,
    params.dilation ?? 1,
    params.ceilMode ?? false,
  );
  // With dilation a window can fall between input rows entirely; PyTorch would emit -inf with an index
  // outside the window, which no gradient can follow, so such geometries are refused.
  for (let o = 0; o < g.oh; o++) {
    if (!windowHitsInput(o, g.h, g.kh, g.sh, g.ph, g.dh)) {
      throw new Error(
        `${op}: the window of output row ${o} lies entirely in padding; change dilation or padding`,
      );
    }
  }
  for (let o = 0; o < g.ow; o++) {
    if (!windowHitsInput(o, g.w, g.kw, g.sw, g.pw, g.dw)) {
      throw new Error(
        `${op}: the window of output column ${o} lies entirely in padding; change dilation or padding`,
      );
    }
  }
  return g;
}

export function avgPool2dGeometry(shape: readonly number[], params: AvgPool2dParams): PoolGeometry {
  return geometry(
    'avg_pool2d',
    shape,
    params.kernelSize,
    params.stride,
    params.padding ?? 0,
    1,
    params.ceilMode ?? false,
  );
}

/** The NCHW output shape of a pooling layer. */
export function pooledShape(g: PoolGeometry): [number, number, number, number] {
  return [g.n, g.c, g.oh, g.ow];
}

/** The divisor of avg_pool2d's window at (oy, ox), by PyTorch's rule: the window is first clipped to the
 * padded input (so ceil_mode overhang never counts), then to the input when padding is excluded. */
export function avgPoolDivisor(g: PoolGeometry, oy: number, ox: number, countIncludePad: boolean): number {
  const hs = oy * g.sh - g.ph;
  const ws = ox * g.sw - g.pw;
  const he = Math.min(hs + g.kh, g.h + g.ph);
  const we = Math.min(ws + g.kw, g.w + g.pw);
  if (countIncludePad) return (he - hs) * (we - ws);
  return (Math.min(he, g.h) - Math.max(hs, 0)) * (Math.min(we, g.w) - Math.max(ws, 0));
}
