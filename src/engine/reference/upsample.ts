// CPU reference of nn.Upsample (nearest, bilinear with and without align_corners) on NCHW, forward and
// backward, with PyTorch's taps (ops/upsample-geometry.ts). Backward scatters each output's gradient to its
// taps in output scan order, as PyTorch's CPU kernel does; outputs go into caller-owned arrays.
import { upsample2dGeometry, type Upsample2dParams } from '../ops/upsample-geometry';
import type { Floats } from './matmul';

function checkLength(op: string, name: string, a: ArrayLike<number>, want: number): void {
  if (a.length !== want) throw new Error(`${op}: ${name} has ${a.length} elements, expected ${want}`);
}

/** y = upsample(x); `shape` is x's. */
export function upsample2dForward(args: {
  x: Floats;
  y: Floats;
  shape: readonly number[];
  params: Upsample2dParams;
}): Floats {
  const { x, y } = args;
  const g = upsample2dGeometry(args.shape, args.params);
  const { rows, cols } = g;
  checkLength('upsample', 'x', x, g.n * g.c * g.h * g.w);
  checkLength('upsample', 'y', y, g.n * g.c * g.oh * g.ow);
  for (let p = 0; p < g.n * g.c; p++) {
    for (let oy = 0; oy < g.oh; oy++) {
      const r0 = (p * g.h + rows.i0[oy]) * g.w;
      const r1 = (p * g.h + rows.i1[oy]) * g.w;
      for (let ox = 0; ox < g.ow; ox++) {
        const [c0, c1] = [cols.i0[ox], cols.i1[ox]];
        const o = (p * g.oh + oy) * g.ow + ox;
        if (g.nearest) y[o] = x[r0 + c0];
        else {
          const top = cols.l0[ox] * x[r0 + c0] + cols.l1[ox] * x[r0 + c1];
          const bottom = cols.l0[ox] * x[r1 + c0] + cols.l1[ox] * x[r1 + c1];
          y[o] = rows.l0[oy] * top + rows.l1[oy] * bottom;
        }
      }
    }
  }
  return y;
}

/** dx = the adjoint of upsample2dForward applied to dy (overwritten); `shape` is x's. */
export function upsample2dBackward(args: {
  dy: Floats;
  dx: Floats;
  shape: readonly number[];
  params: Upsample2dParams;
}): Floats {
  const { dy, dx } = args;
  const g = upsample2dGeometry(args.shape, args.params);
  const { rows, cols } = g;
  checkLength('upsample backward', 'dy', dy, g.n * g.c * g.oh * g.ow);
  checkLength('upsample backward', 'dx', dx, g.n * g.c * g.h * g.w);
  dx.fill(0);
  for (let p = 0; p < g.n * g.c; p++) {
    for (let oy = 0; oy < g.oh; oy++) {
      const r0 = (p * g.h + rows.i0[oy]) * g.w;
      const r1 = (p * g.h + rows.i1[oy]) * g.w;
      for (let ox = 0; ox < g.ow; ox++) {
        const d = dy[(p * g.oh + oy) * g.ow + ox];
        const [c0, c1] = [cols.i0[ox], cols.i1[ox]];
        if (g.nearest) {
          dx[r0 + c0] += d;
          continue;
        }
        dx[r0 + c0] += rows.l0[oy] * cols.l0[ox] * d;
        dx[r0 + c1] += rows.l0[oy] * cols.l1[ox] * d;
        dx[r1 + c0] += rows.l1[oy] * cols.l0[ox] * d;
        dx[r1 + c1] += rows.l1[oy] * cols.l1[ox] * d;
      }
    }
  }
  return dx;
}
