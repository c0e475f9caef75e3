// MaxPool2d on the GPU (the argmax is kept for the backward) and on the CPU.
import {
  maxPoolIs2x2,
  maxPoolTilesExactly,
  planMaxPool2dBackward,
  planMaxPool2dForward,
} from '../../engine/ops/pool';
import { sizeOf, tensor } from '../../engine/tensor';
import { cpuLayer, definePlans } from '../core/plan';
import type { MaxPool2dLayer } from './definition';

const geometry = (layer: MaxPool2dLayer) => ({
  kernelSize: layer.kernel_size,
  stride: layer.stride,
  padding: layer.padding,
  dilation: layer.dilation,
  ceilMode: layer.ceil_mode,
});

export const maxPool2dPlans = definePlans<MaxPool2dLayer>({
  gpu(ctx, plan, io, _flat, _seed, fusion) {
    const params = geometry(plan.layer);
    // A producing conv that runs this pool in training writes the argmax it is given (fusedPoolForward).
    const indices =
      fusion.fusedPoolForward?.indices ??
      tensor(ctx.arena.storage('max_pool2d/indices', sizeOf(io.y.shape) * 4), io.y.shape);
    const forward = planMaxPool2dForward(ctx, { x: io.x, y: io.y, indices, params });
    const back = io.dx ? [planMaxPool2dBackward(ctx, { dy: io.dy, indices, dx: io.dx, params })] : [];
    const { reluGradInto } = fusion;
    const train = reluGradInto
      ? [planMaxPool2dBackward(ctx, { dy: io.dy, indices, dx: reluGradInto, params, reluMask: io.y })]
      : back;
    const forwardTrain = fusion.fusedPoolForward ? [] : [forward];
    return { forwardTrain, forwardEval: [forward], backward: train, backwardEval: back };
  },

  // Windows that tile the input exactly let the backward write the ReLU's gradient in one pass.
  absorbsReluBackward: (plan, batch) => maxPoolTilesExactly([batch, ...plan.inShape], geometry(plan.layer)),

  epiloguePool: (plan, batch) => maxPoolIs2x2([batch, ...plan.inShape], geometry(plan.layer)),

  cpu(plan, io, _flat, _seed, ops) {
    const params = geometry(plan.layer);
    const shape = [io.batch, ...plan.inShape];
    // The argmax of each window, as u32 in memory the ops can reach.
    const block = ops.alloc(io.batch * sizeOf(plan.outShape));
    const indices = new Uint32Array(block.buffer, block.byteOffset, block.length);
    return cpuLayer({
      forward: () => ops.maxPool2dForward({ x: io.x, y: io.y, indices, shape, params }),
      backward: () => io.dx && ops.maxPool2dBackward({ dy: io.dy, indices, dx: io.dx, shape, params }),
    });
  },
});
