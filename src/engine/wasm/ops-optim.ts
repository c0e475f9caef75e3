// SGD and Adam/AdamW on the wasm kernels, bit for bit the reference (float64 inside, rounded where the
// reference stores). Their state arrays come from the backend's memory.
import type { CpuOps } from '../cpu-ops';
import { partsFor, pointer, type WasmContext } from './context';

type OptimOps = Pick<CpuOps, 'sgdState' | 'sgdStep' | 'adamState' | 'adamStep'>;

export function optimOps(ctx: WasmContext, alloc: (floats: number) => Float32Array): OptimOps {
  return {
    sgdState: (n) => ({ momentumBuffer: alloc(n), step: 0 }),
    adamState: (n) => ({ expAvg: alloc(n), expAvgSq: alloc(n), step: 0 }),
    sgdStep(params, grads, state, h) {
      const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = h;
      const op = 'sgd';
      const n = params.length;
      const args = [
        pointer(ctx, op, 'params', params, n),
        pointer(ctx, op, 'grads', grads, n),
        pointer(ctx, op, 'momentum buffer', state.momentumBuffer, n),
      ] as const;
      state.step++;
      ctx.pool.run(
        'sgdStep',
        [...args, n, lr, momentum, dampening, weightDecay, nesterov ? 1 : 0, state.step === 1 ? 1 : 0],
        partsFor(ctx, 4 * n),
      );
    },
    adamStep(params, grads, state, h) {
      const { lr, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, decoupled = false } = h;
      // PyTorch defaults: Adam 0, AdamW 0.01.
      const weightDecay = h.weightDecay ?? (decoupled ? 0.01 : 0);
      const op = 'adam';
      const n = params.length;
      const args = [
        pointer(ctx, op, 'params', params, n),
        pointer(ctx, op, 'grads', grads, n),
        pointer(ctx, op, 'exp_avg', state.expAvg, n),
        pointer(ctx, op, 'exp_avg_sq', state.expAvgSq, n),
      ] as const;
      const t = ++state.step;
      const stepSize = lr / (1 - beta1 ** t);
      const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
      ctx.pool.run(
        'adamStep',
        [...args, n, lr, stepSize, bc2Sqrt, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0],
        partsFor(ctx, 8 * n),
      );
    },
  };
}
