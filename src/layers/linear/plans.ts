// Linear on the GPU (matmul kernels, ReLU optionally in the epilogue) and on the CPU.
import { planLinearBackward, planLinearForward } from '../../engine/ops/linear';
import { cpuLayer, definePlans, flatSlice, flatView } from '../core/plan';
import type { LinearLayer } from './definition';

export const linearPlans = definePlans<LinearLayer>({
  gpu(ctx, plan, io, flat, _seed, fusion) {
    const weight = flatView(flat.params, plan, 'weight')!;
    const bias = flatView(flat.params, plan, 'bias');
    const forward = planLinearForward(ctx, { x: io.x, weight, bias, y: io.y });
    const train = fusion.reluInto
      ? planLinearForward(ctx, { x: io.x, weight, bias, y: fusion.reluInto, relu: true })
      : forward;
    const backward = planLinearBackward(ctx, {
      x: io.x,
      weight,
      dy: io.dy,
      dx: io.dx ?? undefined,
      dWeight: flatView(flat.grads, plan, 'weight')!,
      dBias: flatView(flat.grads, plan, 'bias'),
    });
    return { forwardTrain: [train], forwardEval: [forward], backward: [backward], backwardEval: [backward] };
  },

  cpu(plan, io, flat, _seed, ops) {
    const { layer } = plan;
    const d = { batch: io.batch, inFeatures: layer.in_features, outFeatures: layer.out_features };
    const weight = flatSlice(flat.params, plan, 'weight')!.data;
    const bias = flatSlice(flat.params, plan, 'bias')?.data ?? null;
    return cpuLayer({
      forward: () => ops.linearForward(io.x, weight, bias, io.y, d),
      backward: () => {
        ops.linearBackwardWeight(io.dy, io.x, flatSlice(flat.grads, plan, 'weight')!.data, d);
        if (bias) ops.linearBackwardBias(io.dy, flatSlice(flat.grads, plan, 'bias')!.data, d);
        if (io.dx) ops.linearBackwardInput(io.dy, weight, io.dx, d);
      },
    });
  },
});
