// The plans every elementwise activation shares: one kernel each way, the kind picked by name.
import { planActivationBackward, planActivationForward } from '../../engine/ops/activation';
import {
  activationBackward,
  activationForward,
  type ActivationKind,
} from '../../engine/reference/activation';
import { cpuLayer, definePlans, type LayerPlans } from './plan';

/** Plans for activation `kind`; `slope` reads LeakyReLU's negative_slope. */
export function activationPlans<L>(kind: ActivationKind, slope?: (layer: L) => number): LayerPlans<L> {
  // leaky_relu's backward reads the forward input; the others read the output (ReLU: y > 0 exactly when
  // x > 0, and a fused training forward never writes the ReLU's input).
  const readsInput = kind === 'leaky_relu';
  return definePlans<L>({
    gpu(ctx, plan, io, _flat, _seed, fusion) {
      const s = slope?.(plan.layer);
      const forward = planActivationForward(ctx, { kind, x: io.x, y: io.y, slope: s });
      const saved = readsInput ? io.x : io.y;
      const back = io.dx
        ? [planActivationBackward(ctx, { kind, saved, dy: io.dy, dx: io.dx, slope: s })]
        : [];
      return {
        forwardTrain: fusion.fusedReluForward ? [] : [forward],
        forwardEval: [forward],
        backward: fusion.fusedReluBackward ? [] : back,
        backwardEval: back,
      };
    },
    cpu(plan, io) {
      const s = slope?.(plan.layer);
      // The CPU reference's relu and leaky_relu read the input; sigmoid and tanh the output.
      const saved = kind === 'relu' || kind === 'leaky_relu' ? io.x : io.y;
      return cpuLayer({
        forward: () => activationForward(kind, io.x, io.y, s),
        backward: () => io.dx && activationBackward(kind, saved, io.dy, io.dx, s),
      });
    },
  });
}
