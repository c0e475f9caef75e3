// The losses on the wasm kernels (float64 inside, as the reference). Labels are checked here with the
// reference's message and copied into the backend's label area, so any ArrayLike of labels works.
import type { CpuOps } from '../cpu-ops';
import type { LossResult } from '../reference/loss';
import { pointer, type WasmContext } from './context';

type LossOps = Pick<CpuOps, 'softmaxCrossEntropy' | 'mseLoss' | 'bceWithLogits'>;

export function lossOps(ctx: WasmContext): LossOps {
  const result = (): LossResult => {
    const view = new DataView(ctx.arena.memory.buffer, ctx.result, 16);
    return { loss: view.getFloat64(0, true), correct: view.getInt32(8, true) };
  };
  const elementwise = (
    op: string,
    kernel: 'mseLoss' | 'bceWithLogits',
    a: ArrayBufferView & { length: number },
    t: ArrayBufferView & { length: number },
    d: ArrayBufferView & { length: number },
  ) => {
    const n = a.length;
    ctx.pool.call(
      kernel,
      pointer(ctx, op, 'input', a, n),
      pointer(ctx, op, 'target', t, n),
      pointer(ctx, op, 'gradient', d, n),
      n,
      ctx.result,
    );
    return result();
  };
  return {
    softmaxCrossEntropy(logits, labels, dlogits, batch, classes, probs = null) {
      const op = 'cross-entropy';
      if (batch > ctx.labelCapacity) {
        throw new Error(`${op}: batch ${batch} is larger than this backend's ${ctx.labelCapacity} labels`);
      }
      const staged = new Int32Array(ctx.arena.memory.buffer, ctx.labels, batch);
      for (let b = 0; b < batch; b++) {
        const label = labels[b];
        if (!Number.isInteger(label) || label < 0 || label >= classes) {
          throw new Error(`${op}: label ${label} of sample ${b} is not in [0, ${classes})`);
        }
        staged[b] = label;
      }
      const n = batch * classes;
      ctx.pool.call(
        'softmaxCrossEntropy',
        pointer(ctx, op, 'logits', logits, n),
        ctx.labels,
        pointer(ctx, op, 'dlogits', dlogits, n),
        probs ? pointer(ctx, op, 'probs', probs, n) : 0,
        batch,
        classes,
        ctx.result,
      );
      return result();
    },
    mseLoss: (pred, target, dpred) => elementwise('mse', 'mseLoss', pred, target, dpred),
    bceWithLogits: (logits, target, dlogits) => elementwise('bce', 'bceWithLogits', logits, target, dlogits),
  };
}
