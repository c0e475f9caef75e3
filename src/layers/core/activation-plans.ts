// The plans every elementwise activation shares: one kernel each way, the function picked by name.
import {
  planActivationBackward,
  planActivationForward,
  type ActivationParams,
} from '../../engine/ops/activation';
import { savesInput, type ActivationKind } from '../../engine/reference/activation';
import { cpuLayer, definePlans, type LayerPlans } from './plan';

/** Plans for the activation `kind` of a layer, with its parameters (LeakyReLU's slope, ELU's alpha). */
export function activationPlans<L>(
  kindOf: (layer: L) => ActivationKind,
  paramsOf: (layer: L) => ActivationParams = () => ({}),
): LayerPlans<L> {
  return definePlans<L>({
    gpu(ctx, plan, io, _flat, _seed, fusion) {
      const kind = kindOf(plan.layer);
      const p = paramsOf(plan.layer);
      const forward = planActivationForward(ctx, { kind, x: io.x, y: io.y, ...p });
      // ReLU's backward reads its output (y > 0 exactly when x > 0): a fused training forward never
      // writes the ReLU's input. The others read what their derivative needs (savesInput).
      const saved = kind === 'relu' || !savesInput(kind) ? io.y : io.x;
      const back = io.dx ? [planActivationBackward(ctx, { kind, saved, dy: io.dy, dx: io.dx, ...p })] : [];
      return {
        forwardTrain: fusion.fusedReluForward ? [] : [forward],
        forwardEval: [forward],
        backward: fusion.fusedReluBackward ? [] : back,
        backwardEval: back,
      };
    },
    cpu(plan, io, _flat, _seed, ops) {
      const kind = kindOf(plan.layer);
      const p = paramsOf(plan.layer);
      const saved = savesInput(kind) ? io.x : io.y;
      return cpuLayer({
        forward: () => ops.activationForward(kind, io.x, io.y, p.slope, p.alpha),
        backward: () => io.dx && ops.activationBackward(kind, saved, io.dy, io.dx, p.slope, p.alpha),
      });
    },
  });
}
