// Dropout on the GPU and the CPU: the same counter-based masks on both, chosen by (seed, step).
import { createDropoutMask, planDropoutBackward, planDropoutForward } from '../../engine/ops/dropout';
import { sizeOf } from '../../engine/tensor';
import { definePlans } from '../core/plan';
import type { DropoutLayer } from './definition';

export const dropoutPlans = definePlans<DropoutLayer>({
  gpu(ctx, plan, io, _flat, seed) {
    const p = plan.layer.p;
    const n = sizeOf(io.x.shape);
    const mask = createDropoutMask(ctx, { p, seed, training: true }, n);
    // Eval is the identity: a mask that keeps everything at scale 1 copies x to y.
    const identity = createDropoutMask(ctx, { p, seed, training: false }, n);
    return {
      forwardTrain: [planDropoutForward(ctx, { x: io.x, y: io.y, mask })],
      forwardEval: [planDropoutForward(ctx, { x: io.x, y: io.y, mask: identity })],
      backward: io.dx ? [planDropoutBackward(ctx, { dy: io.dy, dx: io.dx, mask })] : [],
      backwardEval: io.dx ? [planDropoutBackward(ctx, { dy: io.dy, dx: io.dx, mask: identity })] : [],
      mask,
    };
  },

  cpu(plan, io, _flat, seed, ops) {
    const p = plan.layer.p;
    return {
      forward: (train, step) =>
        ops.dropoutForward({ x: io.x, y: io.y, params: { p, seed, training: train }, step }),
      backward: (step) =>
        io.dx && ops.dropoutBackward({ dy: io.dy, dx: io.dx, params: { p, seed, training: true }, step }),
      backwardEval: () => io.dx?.set(io.dy),
    };
  },
});
