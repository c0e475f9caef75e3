// AvgPool2d on the GPU and the CPU.
import { planAvgPool2dBackward, planAvgPool2dForward } from '../../engine/ops/pool';
import { cpuLayer, definePlans, samePasses } from '../core/plan';
import type { AvgPool2dLayer } from './definition';

const geometry = (layer: AvgPool2dLayer) => ({
  kernelSize: layer.kernel_size,
  stride: layer.stride,
  padding: layer.padding,
  ceilMode: layer.ceil_mode,
  countIncludePad: layer.count_include_pad,
});

export const avgPool2dPlans = definePlans<AvgPool2dLayer>({
  gpu(ctx, plan, io) {
    const params = geometry(plan.layer);
    const forward = planAvgPool2dForward(ctx, { x: io.x, y: io.y, params });
    const back = io.dx ? [planAvgPool2dBackward(ctx, { dy: io.dy, dx: io.dx, params })] : [];
    return samePasses([forward], back);
  },

  cpu(plan, io, _flat, _seed, ops) {
    const params = geometry(plan.layer);
    const shape = [io.batch, ...plan.inShape];
    return cpuLayer({
      forward: () => ops.avgPool2dForward({ x: io.x, y: io.y, shape, params }),
      backward: () => io.dx && ops.avgPool2dBackward({ dy: io.dy, dx: io.dx, shape, params }),
    });
  },
});
