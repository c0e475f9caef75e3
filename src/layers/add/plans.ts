// Add on the GPU and the CPU: y = x₁ + x₂, further inputs accumulated; its backward copies dy to each input.
import { planAccumulate, planAddForward } from '../../engine/ops/add';
import { planConcatForward } from '../../engine/ops/concat';
import type { PlannedOp } from '../../engine/op';
import { cpuLayer, definePlans, samePasses } from '../core/plan';
import type { AddLayer } from './definition';

export const addPlans = definePlans<AddLayer>({
  gpu(ctx, _plan, io) {
    const [a, b, ...rest] = io.xs;
    const forward: PlannedOp[] = [
      planAddForward(ctx, { a, b, y: io.y }, 'Add'),
      ...rest.map((x) => planAccumulate(ctx, { x, y: io.y }, 'Add')),
    ];
    // ∂y/∂x_k = 1: each input's gradient is a copy of dy (a concat of one tensor is a copy).
    const backward = io.dxs.flatMap((dx) =>
      dx ? [planConcatForward(ctx, { xs: [io.dy], y: dx }, 'Add/backward')] : [],
    );
    return samePasses(forward, backward);
  },
  cpu(_plan, io, _flat, _seed, ops) {
    const [a, b, ...rest] = io.xs;
    return cpuLayer({
      forward: () => {
        ops.addForward(a, b, io.y);
        for (const x of rest) ops.accumulate(x, io.y);
      },
      backward: () => {
        for (const dx of io.dxs) dx?.set(io.dy);
      },
    });
  },
});
