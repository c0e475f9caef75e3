// max_pool2d and avg_pool2d on the wasm kernels, with the reference's geometry checks and messages.
import type { CpuOps } from '../cpu-ops';
import { avgPool2dGeometry, maxPool2dGeometry, type PoolGeometry } from '../ops/pool-geometry';
import { partsFor, type WasmContext } from './context';

type PoolOps = Pick<
  CpuOps,
  'maxPool2dForward' | 'maxPool2dBackward' | 'avgPool2dForward' | 'avgPool2dBackward'
>;

/** The reference's length check: the op's arrays hold exactly the geometry's elements. */
function sized(
  ctx: WasmContext,
  op: string,
  name: string,
  a: ArrayBufferView & { length: number },
  want: number,
) {
  if (a.length !== want) throw new Error(`${op}: ${name} has ${a.length} elements, expected ${want}`);
  return ctx.arena.address(`${op}: ${name}`, a);
}

const window = (g: PoolGeometry) =>
  [g.n * g.c, g.h, g.w, g.oh, g.ow, g.kh, g.kw, g.sh, g.sw, g.ph, g.pw] as const;

export function poolOps(ctx: WasmContext): PoolOps {
  return {
    maxPool2dForward({ x, y, indices, shape, params }) {
      const g = maxPool2dGeometry(shape, params);
      const op = 'max_pool2d';
      const out = g.n * g.c * g.oh * g.ow;
      ctx.pool.run(
        'maxPool2dForward',
        [
          sized(ctx, op, 'x', x, g.n * g.c * g.h * g.w),
          sized(ctx, op, 'y', y, out),
          sized(ctx, op, 'indices', indices, y.length),
          ...window(g),
          g.dh,
          g.dw,
        ],
        partsFor(ctx, out * g.kh * g.kw),
      );
    },
    maxPool2dBackward({ dy, indices, dx, shape, params }) {
      const g = maxPool2dGeometry(shape, params);
      const op = 'max_pool2d backward';
      const planeIn = g.h * g.w;
      const planeOut = g.oh * g.ow;
      ctx.pool.run(
        'maxPool2dBackward',
        [
          sized(ctx, op, 'dy', dy, g.n * g.c * planeOut),
          sized(ctx, op, 'indices', indices, g.n * g.c * planeOut),
          sized(ctx, op, 'dx', dx, g.n * g.c * planeIn),
          g.n * g.c,
          planeIn,
          planeOut,
        ],
        partsFor(ctx, g.n * g.c * planeIn),
      );
    },
    avgPool2dForward({ x, y, shape, params }) {
      const g = avgPool2dGeometry(shape, params);
      const op = 'avg_pool2d';
      ctx.pool.run(
        'avgPool2dForward',
        [
          sized(ctx, op, 'x', x, g.n * g.c * g.h * g.w),
          sized(ctx, op, 'y', y, g.n * g.c * g.oh * g.ow),
          ...window(g),
          (params.countIncludePad ?? true) ? 1 : 0,
        ],
        partsFor(ctx, g.n * g.c * g.oh * g.ow * g.kh * g.kw),
      );
    },
    avgPool2dBackward({ dy, dx, shape, params }) {
      const g = avgPool2dGeometry(shape, params);
      const op = 'avg_pool2d backward';
      ctx.pool.run(
        'avgPool2dBackward',
        [
          sized(ctx, op, 'dy', dy, g.n * g.c * g.oh * g.ow),
          sized(ctx, op, 'dx', dx, g.n * g.c * g.h * g.w),
          ...window(g),
          (params.countIncludePad ?? true) ? 1 : 0,
        ],
        partsFor(ctx, g.n * g.c * g.oh * g.ow * g.kh * g.kw),
      );
    },
  };
}
