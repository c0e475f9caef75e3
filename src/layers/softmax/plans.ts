// Softmax over dim=1 on the GPU and the CPU; its backward reads the output: dx = y ⊙ (dy − Σ dy ⊙ y).
import { planSoftmaxBackward, planSoftmaxForward } from '../../engine/ops/softmax';
import { cpuLayer, definePlans, samePasses } from '../core/plan';
import type { SoftmaxLayer } from './definition';

export const softmaxPlans = definePlans<SoftmaxLayer>({
  gpu(ctx, _plan, io) {
    const forward = planSoftmaxForward(ctx, { x: io.x, y: io.y }, 'Softmax');
    const back = io.dx ? [planSoftmaxBackward(ctx, { y: io.y, dy: io.dy, dx: io.dx }, 'Softmax')] : [];
    return samePasses([forward], back);
  },
  cpu(plan, io, _flat, _seed, ops) {
    const shape = [io.batch, ...plan.inShape];
    return cpuLayer({
      forward: () => ops.softmaxForward({ x: io.x, y: io.y, shape }),
      backward: () => io.dx && ops.softmaxBackward({ y: io.y, dy: io.dy, dx: io.dx, shape }),
    });
  },
});
