// BatchNorm2d on the wasm kernels, checked with the reference's own rules (shape, eps, momentum).
import type { CpuOps } from '../cpu-ops';
import { batchNormDims, batchNormSettings } from '../reference/batch-norm';
import { partsFor, pointer, type WasmContext } from './context';

type NormOps = Pick<CpuOps, 'batchNorm2dForward' | 'batchNorm2dBackward'>;

/** The kernels are affine only; fallback.ts sends BatchNorm without weight and bias to the reference. */
function affine<T>(value: T | null | undefined, name: string): T {
  if (!value) throw new Error(`batch_norm2d: the wasm kernel needs ${name} (affine=True)`);
  return value;
}

export function normOps(ctx: WasmContext): NormOps {
  return {
    batchNorm2dForward(a) {
      const [n, c, plane] = batchNormDims(a.shape, a.params.training);
      const { eps, momentum } = batchNormSettings(a.params);
      const op = 'batch_norm2d';
      const all = n * c * plane;
      const at = (name: string, v: ArrayBufferView & { length: number }, count: number) =>
        pointer(ctx, op, name, v, count);
      ctx.pool.run(
        'batchNorm2dForward',
        [
          at('x', a.x, all),
          at('y', a.y, all),
          n,
          c,
          plane,
          at('weight', affine(a.weight, 'weight'), c),
          at('bias', affine(a.bias, 'bias'), c),
          at('runningMean', a.runningMean, c),
          at('runningVar', a.runningVar, c),
          at('saveMean', a.saveMean, c),
          at('saveInvstd', a.saveInvstd, c),
          a.params.training ? 1 : 0,
          eps,
          momentum,
        ],
        partsFor(ctx, 3 * all),
      );
    },
    batchNorm2dBackward(a) {
      const [n, c, plane] = batchNormDims(a.shape, a.params.training);
      const op = 'batch_norm2d backward';
      const all = n * c * plane;
      const at = (name: string, v: ArrayBufferView & { length: number }, count: number) =>
        pointer(ctx, op, name, v, count);
      ctx.pool.run(
        'batchNorm2dBackward',
        [
          at('x', a.x, all),
          at('dy', a.dy, all),
          n,
          c,
          plane,
          at('weight', affine(a.weight, 'weight'), c),
          at('saveMean', a.saveMean, c),
          at('saveInvstd', a.saveInvstd, c),
          a.dx ? at('dx', a.dx, all) : 0,
          at('dweight', affine(a.dweight, 'dweight'), c),
          at('dbias', affine(a.dbias, 'dbias'), c),
          a.params.training ? 1 : 0,
        ],
        partsFor(ctx, 3 * all),
      );
    },
  };
}
