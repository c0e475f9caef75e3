// GroupNorm on the GPU and the CPU: statistics per (sample, group), saved by the forward for the backward.
import { planGroupNormBackward, planGroupNormForward } from '../../engine/ops/group-norm';
import { tensor } from '../../engine/tensor';
import { cpuLayer, definePlans, flatSlice, flatView, samePasses } from '../core/plan';
import type { GroupNormLayer } from './definition';

export const groupNormPlans = definePlans<GroupNormLayer>({
  gpu(ctx, plan, io, flat) {
    const { layer } = plan;
    const rows = [io.x.shape[0] * layer.num_groups];
    const scratch = (name: string) => tensor(ctx.arena.storage(`group_norm/${name}`, rows[0] * 4), rows);
    const saveMean = scratch('save_mean');
    const saveInvstd = scratch('save_invstd');
    const params = { groups: layer.num_groups, eps: layer.eps };
    const weight = flatView(flat.params, plan, 'weight');
    const forward = planGroupNormForward(ctx, {
      x: io.x,
      y: io.y,
      weight,
      bias: flatView(flat.params, plan, 'bias'),
      saveMean,
      saveInvstd,
      params,
    });
    const backward = planGroupNormBackward(ctx, {
      x: io.x,
      dy: io.dy,
      weight,
      saveMean,
      saveInvstd,
      dx: io.dx ?? undefined,
      dweight: flatView(flat.grads, plan, 'weight'),
      dbias: flatView(flat.grads, plan, 'bias'),
      params,
    });
    return samePasses([forward], [backward]);
  },

  cpu(plan, io, flat, _seed, ops) {
    const { layer } = plan;
    const shape = [io.batch, ...plan.inShape];
    const saveMean = ops.alloc(io.batch * layer.num_groups);
    const saveInvstd = ops.alloc(io.batch * layer.num_groups);
    const params = { groups: layer.num_groups, eps: layer.eps };
    const weight = flatSlice(flat.params, plan, 'weight')?.data;
    return cpuLayer({
      forward: () =>
        ops.groupNormForward({
          x: io.x,
          y: io.y,
          shape,
          weight,
          bias: flatSlice(flat.params, plan, 'bias')?.data,
          saveMean,
          saveInvstd,
          params,
        }),
      backward: () =>
        ops.groupNormBackward({
          x: io.x,
          dy: io.dy,
          shape,
          weight,
          saveMean,
          saveInvstd,
          dx: io.dx,
          dweight: flatSlice(flat.grads, plan, 'weight')?.data,
          dbias: flatSlice(flat.grads, plan, 'bias')?.data,
          params,
        }),
    });
  },
});
