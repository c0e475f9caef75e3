// BatchNorm2d on the GPU and the CPU: batch statistics (saved for the backward) while training, running
// statistics when evaluating, each mode with its own saved values.
import { planBatchNorm2dBackward, planBatchNorm2dForward } from '../../engine/ops/batch-norm';
import { tensor } from '../../engine/tensor';
import { cpuLayer, definePlans, flatSlice, flatView } from '../core/plan';
import type { BatchNorm2dLayer } from './definition';

export const batchNorm2dPlans = definePlans<BatchNorm2dLayer>({
  gpu(ctx, plan, io, flat) {
    const { layer } = plan;
    const channels = [layer.num_features];
    const scratch = (name: string) =>
      tensor(ctx.arena.storage(`batch_norm2d/${name}`, channels[0] * 4), channels);
    const common = {
      x: io.x,
      y: io.y,
      weight: flatView(flat.params, plan, 'weight'),
      bias: flatView(flat.params, plan, 'bias'),
      runningMean: flatView(flat.buffers, plan, 'running_mean', 'buffers')!,
      runningVar: flatView(flat.buffers, plan, 'running_var', 'buffers')!,
    };
    const settings = { eps: layer.eps, momentum: layer.momentum };
    const saveMean = scratch('save_mean');
    const saveInvstd = scratch('save_invstd');
    const train = planBatchNorm2dForward(ctx, {
      ...common,
      saveMean,
      saveInvstd,
      params: { training: true, ...settings },
    });
    // Eval keeps its own saved statistics, so an evaluation between steps cannot disturb a backward pass.
    const evalMean = scratch('eval_mean');
    const evalInvstd = scratch('eval_invstd');
    const evaluate = planBatchNorm2dForward(ctx, {
      ...common,
      saveMean: evalMean,
      saveInvstd: evalInvstd,
      params: { training: false, ...settings },
    });
    const back = (training: boolean) =>
      planBatchNorm2dBackward(ctx, {
        x: io.x,
        dy: io.dy,
        weight: common.weight,
        saveMean: training ? saveMean : evalMean,
        saveInvstd: training ? saveInvstd : evalInvstd,
        dx: io.dx ?? undefined,
        dweight: flatView(flat.grads, plan, 'weight'),
        dbias: flatView(flat.grads, plan, 'bias'),
        params: { training },
      });
    return {
      forwardTrain: [train],
      forwardEval: [evaluate],
      backward: [back(true)],
      backwardEval: [back(false)],
    };
  },

  cpu(plan, io, flat, _seed, ops) {
    const { layer } = plan;
    const shape = [io.batch, ...plan.inShape];
    const saveMean = ops.alloc(layer.num_features);
    const saveInvstd = ops.alloc(layer.num_features);
    const weight = flatSlice(flat.params, plan, 'weight')?.data;
    const settings = { eps: layer.eps, momentum: layer.momentum };
    // The eval backward reads the statistics the eval forward saved (the running ones).
    const backward = (training: boolean) =>
      ops.batchNorm2dBackward({
        x: io.x,
        dy: io.dy,
        shape,
        weight,
        saveMean,
        saveInvstd,
        dx: io.dx,
        dweight: flatSlice(flat.grads, plan, 'weight')?.data,
        dbias: flatSlice(flat.grads, plan, 'bias')?.data,
        params: { training },
      });
    return cpuLayer({
      forward: (train) =>
        ops.batchNorm2dForward({
          x: io.x,
          y: io.y,
          shape,
          weight,
          bias: flatSlice(flat.params, plan, 'bias')?.data,
          runningMean: flatSlice(flat.buffers, plan, 'running_mean', 'buffers')!.data,
          runningVar: flatSlice(flat.buffers, plan, 'running_var', 'buffers')!.data,
          saveMean,
          saveInvstd,
          params: { training: train, ...settings },
        }),
      backward: () => backward(true),
      backwardEval: () => backward(false),
    });
  },
});
