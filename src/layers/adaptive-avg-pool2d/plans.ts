// AdaptiveAvgPool2d on the GPU (rows then columns of each bin, so a global pool is not one serial loop) and the CPU.
import {
  planAdaptiveAvgPool2dBackward,
  planAdaptiveAvgPool2dForward,
} from '../../engine/ops/adaptive-avg-pool';
import { cpuLayer, definePlans, samePasses } from '../core/plan';
import type { AdaptiveAvgPool2dLayer } from './definition';

const size = (layer: AdaptiveAvgPool2dLayer) => [layer.output_size[0], layer.output_size[1]] as const;

export const adaptiveAvgPool2dPlans = definePlans<AdaptiveAvgPool2dLayer>({
  gpu(ctx, plan, io) {
    const outputSize = size(plan.layer);
    const forward = planAdaptiveAvgPool2dForward(ctx, { x: io.x, y: io.y, outputSize }, 'AdaptiveAvgPool2d');
    const back = io.dx
      ? [planAdaptiveAvgPool2dBackward(ctx, { dy: io.dy, dx: io.dx, outputSize }, 'AdaptiveAvgPool2d')]
      : [];
    return samePasses([forward], back);
  },
  cpu(plan, io, _flat, _seed, ops) {
    const outputSize = size(plan.layer);
    const shape = [io.batch, ...plan.inShape];
    return cpuLayer({
      forward: () => ops.adaptiveAvgPool2dForward({ x: io.x, y: io.y, shape, outputSize }),
      backward: () => io.dx && ops.adaptiveAvgPool2dBackward({ dy: io.dy, dx: io.dx, shape, outputSize }),
    });
  },
});
