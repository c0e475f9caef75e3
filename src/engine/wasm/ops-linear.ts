// Linear (weight [out, in], as nn.Linear) on the wasm kernels: y = x·Wᵀ + b, dx = dy·W, dW = dyᵀ·x,
// db = the batch sum of dy. Arrays smaller than the dimensions need are refused, as matmul refuses them.
import type { CpuOps } from '../cpu-ops';
import type { LinearDims } from '../reference/linear';
import type { Floats } from '../reference/matmul';
import { partsFor, pointer, type WasmContext } from './context';

type LinearOps = Pick<
  CpuOps,
  'linearForward' | 'linearBackwardInput' | 'linearBackwardWeight' | 'linearBackwardBias'
>;

export function linearOps(ctx: WasmContext): LinearOps {
  const at = (op: string, name: string, a: Floats, n: number) => pointer(ctx, op, name, a, n);
  const work = (d: LinearDims) => d.batch * d.inFeatures * d.outFeatures;
  return {
    linearForward(x, weight, bias, y, d, relu = false) {
      const op = 'linear';
      ctx.pool.run(
        'linearForward',
        [
          at(op, 'x', x, d.batch * d.inFeatures),
          at(op, 'weight', weight, d.outFeatures * d.inFeatures),
          bias ? at(op, 'bias', bias, d.outFeatures) : 0,
          at(op, 'y', y, d.batch * d.outFeatures),
          d.batch,
          d.inFeatures,
          d.outFeatures,
          relu ? 1 : 0,
        ],
        partsFor(ctx, work(d)),
      );
      return y;
    },
    linearBackwardInput(dy, weight, dx, d) {
      const op = 'linear backward input';
      ctx.pool.run(
        'linearBackwardInput',
        [
          at(op, 'dy', dy, d.batch * d.outFeatures),
          at(op, 'weight', weight, d.outFeatures * d.inFeatures),
          at(op, 'dx', dx, d.batch * d.inFeatures),
          d.batch,
          d.inFeatures,
          d.outFeatures,
        ],
        partsFor(ctx, work(d)),
      );
      return dx;
    },
    linearBackwardWeight(dy, x, dw, d) {
      const op = 'linear backward weight';
      ctx.pool.run(
        'linearBackwardWeight',
        [
          at(op, 'dy', dy, d.batch * d.outFeatures),
          at(op, 'x', x, d.batch * d.inFeatures),
          at(op, 'dweight', dw, d.outFeatures * d.inFeatures),
          d.batch,
          d.inFeatures,
          d.outFeatures,
        ],
        partsFor(ctx, work(d)),
      );
      return dw;
    },
    linearBackwardBias(dy, db, d) {
      const op = 'linear backward bias';
      ctx.pool.run(
        'reduceRows',
        [
          at(op, 'dy', dy, d.batch * d.outFeatures),
          at(op, 'dbias', db, d.outFeatures),
          d.batch,
          d.outFeatures,
        ],
        partsFor(ctx, d.batch * d.outFeatures),
      );
      return db;
    },
  };
}
