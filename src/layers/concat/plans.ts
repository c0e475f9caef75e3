// Concat on the GPU and the CPU: channel slices copied in, and the gradient's slices copied back out.
import { planConcatBackward, planConcatForward } from '../../engine/ops/concat';
import { sizeOf, tensor } from '../../engine/tensor';
import { cpuLayer, definePlans, samePasses } from '../core/plan';
import type { ConcatLayer } from './definition';

export const concatPlans = definePlans<ConcatLayer>({
  gpu(ctx, _plan, io) {
    const forward = planConcatForward(ctx, { xs: io.xs, y: io.y }, 'Concat');
    if (!io.dxs.some(Boolean)) return samePasses([forward], []);
    // The backward writes every input's slice; one nothing upstream needs goes to a scratch buffer.
    const dxs = io.dxs.map(
      (dx, k) =>
        dx ?? tensor(ctx.arena.storage(`concat/unused-dx${k}`, sizeOf(io.xs[k].shape) * 4), io.xs[k].shape),
    );
    return samePasses([forward], [planConcatBackward(ctx, { dy: io.dy, dxs }, 'Concat')]);
  },
  cpu(plan, io, _flat, _seed, ops) {
    const shapes = plan.inShapes.map((s) => [io.batch, ...s]);
    const needed = io.dxs.some(Boolean);
    const dxs = io.dxs.map((dx, k) => dx ?? ops.alloc(needed ? io.xs[k].length : 0));
    return cpuLayer({
      forward: () => ops.concatForward({ xs: io.xs, shapes, y: io.y }),
      backward: () => needed && ops.concatBackward({ dy: io.dy, shapes, dxs }),
    });
  },
});
