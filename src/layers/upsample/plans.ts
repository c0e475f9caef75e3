// Upsample on the GPU and the CPU (taps and weights computed once at plan time, as PyTorch computes them).
import {
  planUpsample2dBackward,
  planUpsample2dForward,
  type Upsample2dParams,
} from '../../engine/ops/upsample';
import { cpuLayer, definePlans, samePasses } from '../core/plan';
import type { UpsampleLayer } from './definition';

const params = (layer: UpsampleLayer): Upsample2dParams => ({
  mode: layer.mode === 'bilinear' ? 'bilinear' : 'nearest',
  scaleFactor: layer.scale_factor,
  alignCorners: layer.align_corners,
});

export const upsamplePlans = definePlans<UpsampleLayer>({
  gpu(ctx, plan, io) {
    const p = params(plan.layer);
    const forward = planUpsample2dForward(ctx, { x: io.x, y: io.y, params: p }, 'Upsample');
    const back = io.dx ? [planUpsample2dBackward(ctx, { dy: io.dy, dx: io.dx, params: p }, 'Upsample')] : [];
    return samePasses([forward], back);
  },
  cpu(plan, io, _flat, _seed, ops) {
    const p = params(plan.layer);
    const shape = [io.batch, ...plan.inShape];
    return cpuLayer({
      forward: () => ops.upsample2dForward({ x: io.x, y: io.y, shape, params: p }),
      backward: () => io.dx && ops.upsample2dBackward({ dy: io.dy, dx: io.dx, shape, params: p }),
    });
  },
});
