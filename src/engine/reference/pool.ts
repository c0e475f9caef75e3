// CPU reference for max_pool2d and avg_pool2d (NCHW), forward and backward, with PyTorch's semantics.
// The test oracle and the CPU fallback: outputs are written into caller-owned arrays; `shape` is the input's.
import {
  avgPool2dGeometry,
  avgPoolDivisor,
  maxPool2dGeometry,
  type AvgPool2dParams,
  type MaxPool2dParams,
  type PoolGeometry,
} from '../ops/pool-geometry';

/** Float32 in the fallback backend; Float64 in finite-difference tests. */
export type Floats = Float32Array | Float64Array;

function checkLength(op: string, name: string, a: ArrayLike<number>, want: number): void {
  if (a.length !== want) throw new Error(`${op}: ${name} has ${a.length} elements, expected ${want}`);
}

/** First tap of a window at or after 0: PyTorch's `while (start < 0) start += dilation`. */
function firstTap(start: number, d: number): number {
  return start < 0 ? start + Math.ceil(-start / d) * d : start;
}

/**
 * y = max over each window; indices = flat index (ih * W + iw) of the max in its input plane. The first
 * maximum in scan order wins ties, and a NaN always takes over (so the last NaN wins), as in PyTorch.
 */
export function maxPool2dForward(args: {
  x: Floats;
  y: Floats;
  indices: Uint32Array;
  shape: readonly number[];
  params: MaxPool2dParams;
}): void {
  const { x, y, indices } = args;
  const g = maxPool2dGeometry(args.shape, args.params);
  const { h, w, oh, ow } = g;
  checkLength('max_pool2d', 'x', x, g.n * g.c * h * w);
  checkLength('max_pool2d', 'y', y, g.n * g.c * oh * ow);
  checkLength('max_pool2d', 'indices', indices, y.length);
  for (let plane = 0; plane < g.n * g.c; plane++) {
    const xBase = plane * h * w;
    for (let oy = 0; oy < oh; oy++) {
      const hs = oy * g.sh - g.ph;
      const y0 = firstTap(hs, g.dh);
      const y1 = Math.min(hs + (g.kh - 1) * g.dh + 1, h);
      for (let ox = 0; ox < ow; ox++) {
        const ws = ox * g.sw - g.pw;
        const x0 = firstTap(ws, g.dw);
        const x1 = Math.min(ws + (g.kw - 1) * g.dw + 1, w);
        let arg = y0 * w + x0;
        let best = x[xBase + arg];
        for (let iy = y0; iy < y1; iy += g.dh) {
          for (let ix = x0; ix < x1; ix += g.dw) {
            const v = x[xBase + iy * w + ix];
            if (v > best || Number.isNaN(v)) {
              best = v;
              arg = iy * w + ix;
            }
          }
        }
        const o = (plane * oh + oy) * ow + ox;
        y[o] = best;
        indices[o] = arg;
      }
    }
  }
}

/** dx = dy scattered to each window's argmax, summed in output scan order (the GPU gathers in the same order). */
export function maxPool2dBackward(args: {
  dy: Floats;
  indices: Uint32Array;
  dx: Floats;
  shape: readonly number[];
  params: MaxPool2dParams;
}): void {
  const { dy, indices, dx } = args;
  const g = maxPool2dGeometry(args.shape, args.params);
  const planeIn = g.h * g.w;
  const planeOut = g.oh * g.ow;
  checkLength('max_pool2d backward', 'dy', dy, g.n * g.c * planeOut);
  checkLength('max_pool2d backward', 'dx', dx, g.n * g.c * planeIn);
  dx.fill(0);
  for (let plane = 0; plane < g.n * g.c; plane++) {
    for (let o = 0; o < planeOut; o++) {
      const k = plane * planeOut + o;
      dx[plane * planeIn + indices[k]] += dy[k];
    }
  }
}

/** y = mean over each window, with PyTorch's divisor (see avgPoolDivisor). */
export function avgPool2dForward(args: {
  x: Floats;
  y: Floats;
  shape: readonly number[];
  params: AvgPool2dParams;
}): void {
  const { x, y } = args;
  const g = avgPool2dGeometry(args.shape, args.params);
  const include = args.params.countIncludePad ?? true;
  checkLength('avg_pool2d', 'x', x, g.n * g.c * g.h * g.w);
  checkLength('avg_pool2d', 'y', y, g.n * g.c * g.oh * g.ow);
  for (let plane = 0; plane < g.n * g.c; plane++) {
    const xBase = plane * g.h * g.w;
    for (let oy = 0; oy < g.oh; oy++) {
      const hs = oy * g.sh - g.ph;
      const y0 = Math.max(hs, 0);
      const y1 = Math.min(hs + g.kh, g.h);
      for (let ox = 0; ox < g.ow; ox++) {
        const ws = ox * g.sw - g.pw;
        const x0 = Math.max(ws, 0);
        const x1 = Math.min(ws + g.kw, g.w);
        let sum = 0;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) sum += x[xBase + iy * g.w + ix];
        }
        y[(plane * g.oh + oy) * g.ow + ox] = sum / avgPoolDivisor(g, oy, ox, include);
      }
    }
  }
}

/** dx[i] = sum over the windows holding i of dy / divisor, added in output scan order. */
export function avgPool2dBackward(args: {
  dy: Floats;
  dx: Floats;
  shape: readonly number[];
  params: AvgPool2dParams;
}): void {
  const { dy, dx } = args;
  const g: PoolGeometry = avgPool2dGeometry(args.shape, args.params);
  const include = args.params.countIncludePad ?? true;
  checkLength('avg_pool2d backward', 'dy', dy, g.n * g.c * g.oh * g.ow);
  checkLength('avg_pool2d backward', 'dx', dx, g.n * g.c * g.h * g.w);
  dx.fill(0);
  for (let plane = 0; plane < g.n * g.c; plane++) {
    const xBase = plane * g.h * g.w;
    for (let oy = 0; oy < g.oh; oy++) {
      const hs = oy * g.sh - g.ph;
      const y0 = Math.max(hs, 0);
      const y1 = Math.min(hs + g.kh, g.h);
      for (let ox = 0; ox < g.ow; ox++) {
        const ws = ox * g.sw - g.pw;
        const x0 = Math.max(ws, 0);
        const x1 = Math.min(ws + g.kw, g.w);
        const share = dy[(plane * g.oh + oy) * g.ow + ox] / avgPoolDivisor(g, oy, ox, include);
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) dx[xBase + iy * g.w + ix] += share;
        }
      }
    }
  }
}
