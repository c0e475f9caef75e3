// ConvTranspose2d on the GPU and the CPU: the adjoint of a conv2d, sharing its kernels (see conv-geometry).
import {
  planConvTranspose2dBackwardBias,
  planConvTranspose2dBackwardInput,
  planConvTranspose2dBackwardWeight,
  planConvTranspose2dForward,
} from '../../engine/ops/conv-transpose2d';
import type { PlannedOp } from '../../engine/op';
import { cpuLayer, definePlans, flatSlice, flatView, samePasses } from '../core/plan';
import type { ConvTranspose2dLayer } from './definition';

const geometry = (layer: ConvTranspose2dLayer) => ({
  stride: layer.stride,
  padding: layer.padding,
  dilation: layer.dilation,
  outputPadding: layer.output_padding,
  groups: layer.groups,
});

export const convTranspose2dPlans = definePlans<ConvTranspose2dLayer>({
  gpu(ctx, plan, io, flat) {
    const params = geometry(plan.layer);
    const weight = flatView(flat.params, plan, 'weight')!;
    const dweight = flatView(flat.grads, plan, 'weight')!;
    const back: PlannedOp[] = [
      planConvTranspose2dBackwardWeight(ctx, { x: io.x, dy: io.dy, dweight, params }),
    ];
    if (plan.layer.bias)
      back.push(
        planConvTranspose2dBackwardBias(ctx, { dy: io.dy, dbias: flatView(flat.grads, plan, 'bias')! }),
      );
    if (io.dx) back.push(planConvTranspose2dBackwardInput(ctx, { dy: io.dy, weight, dx: io.dx, params }));
    const bias = flatView(flat.params, plan, 'bias');
    const forward = planConvTranspose2dForward(ctx, {
      x: io.x,
      weight,
      bias,
      y: io.y,
      params,
      label: 'ConvTranspose2d',
    });
    return samePasses([forward], back);
  },

  cpu(plan, io, flat, _seed, ops) {
    const params = geometry(plan.layer);
    const x = { data: io.x, shape: [io.batch, ...plan.inShape] };
    const y = { data: io.y, shape: [io.batch, ...plan.outShape] };
    const dy = { data: io.dy, shape: y.shape };
    const dx = io.dx ? { data: io.dx, shape: x.shape } : null;
    const weight = flatSlice(flat.params, plan, 'weight')!;
    const bias = flatSlice(flat.params, plan, 'bias');
    return cpuLayer({
      forward: () => ops.convTranspose2dForward({ x, weight, bias, y, params }),
      backward: () => {
        ops.convTranspose2dBackwardWeight({ x, dy, dweight: flatSlice(flat.grads, plan, 'weight')!, params });
        if (bias) ops.convTranspose2dBackwardBias({ dy, dbias: flatSlice(flat.grads, plan, 'bias')! });
        if (dx) ops.convTranspose2dBackwardInput({ dy, weight, dx, params });
      },
    });
  },
});
