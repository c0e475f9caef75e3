// GroupNorm on the GPU (NCHW, affine or not), forward and backward side by side. In NCHW a sample's group
// is one contiguous run of (C/G)*H*W values, so its statistics are BatchNorm's on the [1, N*G, (C/G)*H*W]
// view (batch_norm2d_partial_stats, then batch_norm2d_finalize_stats without running statistics). The
// backward sums per (channel, sample) chunks once; the per-channel parameter gradients
// (batch_norm2d_finalize_grads) and the per-group sums dx needs (group_norm_row_sums) both add those in a
// fixed order, so results are deterministic without atomics.
import { groups, groups1d } from '../../gpu/kernel';
import { batchNorm2dFinalizeGradsSpec } from '../../gpu/kernels/batch_norm2d_finalize_grads';
import { batchNorm2dFinalizeStatsSpec } from '../../gpu/kernels/batch_norm2d_finalize_stats';
import { batchNorm2dPartialStatsSpec } from '../../gpu/kernels/batch_norm2d_partial_stats';
import { groupNormBackwardInputSpec } from '../../gpu/kernels/group_norm_backward_input';
import { groupNormNormalizeSpec } from '../../gpu/kernels/group_norm_normalize';
import { groupNormPartialGradsSpec } from '../../gpu/kernels/group_norm_partial_grads';
import { groupNormRowSumsSpec } from '../../gpu/kernels/group_norm_row_sums';
import type { EngineContext, PlannedOp } from '../op';
import { checkAffine } from '../reference/batch-norm';
import { groupNormDims, type GroupNormParams } from '../reference/group-norm';
import { bindingOf, type Tensor } from '../tensor';
import { affineBindings, chunkingFor, kernelDispatch, withFlags } from './batch-norm';
import { expectShape, plannedOp, type Dispatch } from './dispatch';

export type { GroupNormParams } from '../reference/group-norm';

const WG = 64;

/**
 * y = (x - mean) * invstd * weight[c] + bias[c] with the mean and invstd = 1/sqrt(var + eps) of the sample's
 * group, saved to saveMean/saveInvstd [N*G] for backward; without weight and bias (affine=False, both or
 * neither) y = (x - mean) * invstd. Training and eval alike: GroupNorm keeps no running statistics.
 */
export function planGroupNormForward(
  ctx: EngineContext,
  a: {
    x: Tensor;
    y: Tensor;
    weight?: Tensor | null;
    bias?: Tensor | null;
    saveMean: Tensor;
    saveInvstd: Tensor;
    params: GroupNormParams;
  },
): PlannedOp {
  const { n, channels, groups: g, plane, groupSize, eps } = groupNormDims(a.x.shape, a.params);
  expectShape('group_norm y', a.y, a.x.shape);
  expectShape('group_norm saveMean', a.saveMean, [n * g]);
  expectShape('group_norm saveInvstd', a.saveInvstd, [n * g]);
  const affine = checkAffine('group_norm', a.weight, a.bias);
  if (a.weight) expectShape('group_norm weight', a.weight, [channels]);
  if (a.bias) expectShape('group_norm bias', a.bias, [channels]);
  const rows = n * g;
  const { chunks, chunkLen } = chunkingFor(groupSize, rows);
  const partial = ctx.arena.storage('group_norm/partial_stats', 8 * rows * chunks);
  // finalize_stats binds running statistics it does not touch without UPDATE_RUNNING; writable bindings
  // may not share a buffer, so each gets its own.
  const unused = (name: string) => ctx.arena.storage(`group_norm/no-${name}`, 16);
  const dispatches = [
    kernelDispatch(
      ctx,
      batchNorm2dPartialStatsSpec,
      { channels: rows, plane: groupSize, count: groupSize, chunks, chunk_len: chunkLen },
      { x: bindingOf(a.x), partial },
      groups1d(rows * chunks, WG),
    ),
    kernelDispatch(
      ctx,
      withFlags(batchNorm2dFinalizeStatsSpec, { TRAINING: true, UPDATE_RUNNING: false }),
      { channels: rows, count: groupSize, chunks, chunk_len: chunkLen, eps, momentum: 0 },
      {
        partial,
        running_mean: unused('running-mean'),
        running_var: unused('running-var'),
        save_mean: bindingOf(a.saveMean),
        save_invstd: bindingOf(a.saveInvstd),
      },
      [groups(rows, WG)],
    ),
    kernelDispatch(
      ctx,
      withFlags(groupNormNormalizeSpec, { AFFINE: affine }),
      { total: rows * groupSize, plane, channels, count: groupSize },
      {
        x: bindingOf(a.x),
        mean: bindingOf(a.saveMean),
        invstd: bindingOf(a.saveInvstd),
        ...affineBindings(ctx, 'group_norm', a.weight, a.bias),
        y: bindingOf(a.y),
      },
      groups1d(rows * groupSize, WG),
    ),
  ];
  return plannedOp('group_norm_forward', dispatches);
}

/**
 * Writes dbias[c] = sum dy and dweight[c] = sum dy * xhat (affine only) and, when dx is given,
 * dx = invstd * (g - mean(g) - xhat * mean(g * xhat)) with g = dy * weight[c], the means over the sample's
 * group. saveMean/saveInvstd come from the forward pass.
 */
export function planGroupNormBackward(
  ctx: EngineContext,
  a: {
    x: Tensor;
    dy: Tensor;
    weight?: Tensor | null;
    saveMean: Tensor;
    saveInvstd: Tensor;
    dx?: Tensor;
    dweight?: Tensor | null;
    dbias?: Tensor | null;
    params: GroupNormParams;
  },
): PlannedOp {
  const { n, channels, groups: g, plane, groupSize } = groupNormDims(a.x.shape, a.params);
  expectShape('group_norm backward dy', a.dy, a.x.shape);
  if (a.dx) expectShape('group_norm backward dx', a.dx, a.x.shape);
  expectShape('group_norm backward saveMean', a.saveMean, [n * g]);
  expectShape('group_norm backward saveInvstd', a.saveInvstd, [n * g]);
  const affine = !!a.weight;
  if (affine !== !!a.dweight || affine !== !!a.dbias) {
    throw new Error('group_norm backward: dweight and dbias are given exactly when the weight is (affine)');
  }
  for (const [name, t] of Object.entries({ weight: a.weight, dweight: a.dweight, dbias: a.dbias })) {
    if (t) expectShape(`group_norm backward ${name}`, t, [channels]);
  }
  const rows = n * g;
  const { chunks, chunkLen } = chunkingFor(plane, n * channels);
  const partial = ctx.arena.storage('group_norm/partial_grads', 8 * channels * n * chunks);
  const saved = { mean: bindingOf(a.saveMean), invstd: bindingOf(a.saveInvstd) };
  const dispatches: Dispatch[] = [
    kernelDispatch(
      ctx,
      groupNormPartialGradsSpec,
      { n, channels, plane, groups: g, chunks, chunk_len: chunkLen },
      { x: bindingOf(a.x), dy: bindingOf(a.dy), ...saved, partial },
      groups1d(channels * n * chunks, WG),
    ),
  ];
  if (a.dweight && a.dbias) {
    dispatches.push(
      kernelDispatch(
        ctx,
        batchNorm2dFinalizeGradsSpec,
        { channels, chunks: n * chunks },
        { partial, dweight: bindingOf(a.dweight), dbias: bindingOf(a.dbias) },
        [groups(channels, WG)],
      ),
    );
  }
  if (a.dx) {
    const rowSums = ctx.arena.storage('group_norm/row_sums', 8 * rows);
    // Without a weight the kernels read none, but the binding must still hold a buffer.
    const weight = a.weight ? bindingOf(a.weight) : ctx.arena.storage('group_norm/no-weight', 16);
    dispatches.push(
      kernelDispatch(
        ctx,
        withFlags(groupNormRowSumsSpec, { AFFINE: affine }),
        { n, channels, groups: g, chunks },
        { partial, weight, row_sums: rowSums },
        groups1d(rows, WG),
      ),
      kernelDispatch(
        ctx,
        withFlags(groupNormBackwardInputSpec, { AFFINE: affine }),
        { total: rows * groupSize, plane, channels, count: groupSize },
        { x: bindingOf(a.x), dy: bindingOf(a.dy), ...saved, weight, row_sums: rowSums, dx: bindingOf(a.dx) },
        groups1d(rows * groupSize, WG),
      ),
    );
  }
  return plannedOp('group_norm_backward', dispatches);
}
