// Conv2d on the GPU (the planners pick direct, quad or tiled kernels by shape and adapter) and on the CPU.
import {
  planConv2dBackwardInput,
  planConv2dBackwardWeight,
  planConv2dForward,
} from '../../engine/ops/conv2d';
import { convPoolRuns, planConvReluPool } from '../../engine/ops/conv-relu-pool';
import type { PlannedOp } from '../../engine/op';
import type { Tensor } from '../../engine/tensor';
import { cpuLayer, definePlans, flatSlice, flatView } from '../core/plan';
import type { Conv2dLayer } from './definition';

const paramsOf = (layer: Conv2dLayer) => ({
  stride: layer.stride,
  padding: layer.padding,
  dilation: layer.dilation,
  groups: layer.groups,
});

export const conv2dPlans = definePlans<Conv2dLayer>({
  gpu(ctx, plan, io, flat, _seed, fusion) {
    const { layer } = plan;
    const params = paramsOf(layer);
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
    const { reluInto, poolInto } = fusion;
    const args = { x: io.x, weight, bias: bias ?? null, params, label: 'Conv2d' };
    const train = reluInto
      ? poolInto
        ? planConvReluPool(ctx, { ...args, convY: reluInto, ...poolInto })
        : forward(reluInto, true)
      : evaluate;
    return { forwardTrain: [train], forwardEval: [evaluate], backward: back, backwardEval: back };
  },

  // conv -> ReLU -> 2x2 max-pool can run as one pass where the fused kernel applies (conv-relu-pool.ts).
  poolEpilogue: (ctx, plan, batch) =>
    convPoolRuns(
      ctx,
      [batch, ...plan.inShape],
      plan.params.find((p) => p.name === 'weight')!.shape,
      paramsOf(plan.layer),
    ),

  cpu(plan, io, flat, _seed, ops) {
    const params = paramsOf(plan.layer);
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
