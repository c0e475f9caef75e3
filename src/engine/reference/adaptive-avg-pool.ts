// CPU reference of AdaptiveAvgPool2d on NCHW, forward and backward, with PyTorch's bins
// (ops/adaptive-pool-geometry.ts) and its arithmetic: each bin's sum divided by its height, then its width.
// Outputs go into caller-owned arrays; `shape` is the input's.
import { adaptiveAvgPool2dGeometry } from '../ops/adaptive-pool-geometry';
import type { Floats } from './matmul';

type OutputSize = number | readonly [number, number];

function checkLength(op: string, name: string, a: ArrayLike<number>, want: number): void {
  if (a.length !== want) throw new Error(`${op}: ${name} has ${a.length} elements, expected ${want}`);
}

/** y[o] = mean of x over output o's bin. */
export function adaptiveAvgPool2dForward(args: {
  x: Floats;
  y: Floats;
  shape: readonly number[];
  outputSize: OutputSize;
}): Floats {
  const { x, y } = args;
  const g = adaptiveAvgPool2dGeometry(args.shape, args.outputSize);
  const { rows, cols } = g;
  checkLength('adaptive_avg_pool2d', 'x', x, g.n * g.c * g.h * g.w);
  checkLength('adaptive_avg_pool2d', 'y', y, g.n * g.c * g.oh * g.ow);
  for (let p = 0; p < g.n * g.c; p++) {
    for (let oy = 0; oy < g.oh; oy++) {
      const [y0, y1] = [rows.bins[2 * oy], rows.bins[2 * oy + 1]];
      for (let ox = 0; ox < g.ow; ox++) {
        const [x0, x1] = [cols.bins[2 * ox], cols.bins[2 * ox + 1]];
        let sum = 0;
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) sum += x[(p * g.h + iy) * g.w + ix];
        }
        y[(p * g.oh + oy) * g.ow + ox] = sum / (y1 - y0) / (x1 - x0);
      }
    }
  }
  return y;
}

/** dx = each output's dy / (bin height) / (bin width) spread over its bin, added in output scan order. */
export function adaptiveAvgPool2dBackward(args: {
  dy: Floats;
  dx: Floats;
  shape: readonly number[];
  outputSize: OutputSize;
}): Floats {
  const { dy, dx } = args;
  const g = adaptiveAvgPool2dGeometry(args.shape, args.outputSize);
  const { rows, cols } = g;
  checkLength('adaptive_avg_pool2d backward', 'dy', dy, g.n * g.c * g.oh * g.ow);
  checkLength('adaptive_avg_pool2d backward', 'dx', dx, g.n * g.c * g.h * g.w);
  dx.fill(0);
  for (let p = 0; p < g.n * g.c; p++) {
    for (let oy = 0; oy < g.oh; oy++) {
      const [y0, y1] = [rows.bins[2 * oy], rows.bins[2 * oy + 1]];
      for (let ox = 0; ox < g.ow; ox++) {
        const [x0, x1] = [cols.bins[2 * ox], cols.bins[2 * ox + 1]];
        const share = dy[(p * g.oh + oy) * g.ow + ox] / (y1 - y0) / (x1 - x0);
        for (let iy = y0; iy < y1; iy++) {
          for (let ix = x0; ix < x1; ix++) dx[(p * g.h + iy) * g.w + ix] += share;
        }
      }
    }
  }
  return dx;
}
