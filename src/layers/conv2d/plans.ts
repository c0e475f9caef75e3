// Conv2d on the GPU (the planners pick direct, quad or tiled kernels by shape and adapter) and on the CPU.
import {
  planConv2dBackwardInput,
  planConv2dBackwardWeight,
  planConv2dForward,
} from '../../engine/ops/conv2d';
import type { PlannedOp } from '../../engine/op';
import type { Tensor } from '../../engine/tensor';
import { cpuLayer, definePlans, flatSlice, flatView } from '../core/plan';
import type { Conv2dLayer } from './definition';

export const conv2dPlans = definePlans<Conv2dLayer>({
  gpu(ctx, plan, io, flat, _seed, fusion) {
    const { layer } = plan;
    const params = {
      stride: layer.stride,
      padding: layer.padding,
      dilation: layer.dilation,
      groups: layer.groups,
    };
    const weight = flatView(flat.params, plan, 'weight')!;
    const bias = flatView(flat.params, plan, 'bias');
    const back: PlannedOp[] = [
      planConv2dBackwardWeight(ctx, {
        x: io.x,
        dy: io.dy,
        dweight: flatView(flat.grads, plan, 'weight')!,
        dbias: layer.bias ? flatView(flat.grads, plan, 'bias')! : null,
        params,
      }),
    ];
    if (io.dx) back.push(planConv2dBackwardInput(ctx, { dy: io.dy, weight, dx: io.dx, params }));
    const forward = (y: Tensor, relu: boolean) =>
      planConv2dForward(ctx, { x: io.x, weight, bias, y, params, relu, label: 'Conv2d' });
    const evaluate = forward(io.y, false);
    const train = fusion.reluInto ? forward(fusion.reluInto, true) : evaluate;
    return { forwardTrain: [train], forwardEval: [evaluate], backward: back, backwardEval: back };
  },

  cpu(plan, io, flat, _seed, ops) {
    const { layer } = plan;
    const params = {
      stride: layer.stride,
      padding: layer.padding,
      dilation: layer.dilation,
      groups: layer.groups,
    };
    const x = { data: io.x, shape: [io.batch, ...plan.inShape] };
    const y = { data: io.y, shape: [io.batch, ...plan.outShape] };
    const dy = { data: io.dy, shape: y.shape };
    const dx = io.dx ? { data: io.dx, shape: x.shape } : null;
    const weight = flatSlice(flat.params, plan, 'weight')!;
    const bias = flatSlice(flat.params, plan, 'bias');
    return cpuLayer({
      forward: () => ops.conv2dForward({ x, weight, bias, y, params }),
      backward: () => {
        ops.conv2dBackwardWeight({ x, dy, dweight: flatSlice(flat.grads, plan, 'weight')!, params });
        if (bias) ops.conv2dBackwardBias({ dy, dbias: flatSlice(flat.grads, plan, 'bias')! });
        if (dx) ops.conv2dBackwardInput({ dy, weight, dx, params });
      },
    });
  },
});
