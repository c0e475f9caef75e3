// BatchNorm2d on the GPU (NCHW, affine or not), forward and backward side by side.
// Per-channel sums over N*H*W are split into chunks, one barrier-free thread each, then merged per channel
// in a fixed order: deterministic (no float atomics), and a layer with few channels still launches enough
// workgroups (SwiftShader needs >= 16 of 64 threads; real GPUs want many more).
import {
  bindKernel,
  getKernel,
  groups,
  groups1d,
  type BindingResource,
  type KernelSpec,
} from '../../gpu/kernel';
import { batchNorm2dBackwardInputSpec } from '../../gpu/kernels/batch_norm2d_backward_input';
import { batchNorm2dFinalizeGradsSpec } from '../../gpu/kernels/batch_norm2d_finalize_grads';
import { batchNorm2dFinalizeStatsSpec } from '../../gpu/kernels/batch_norm2d_finalize_stats';
import { batchNorm2dNormalizeSpec } from '../../gpu/kernels/batch_norm2d_normalize';
import { batchNorm2dPartialGradsSpec } from '../../gpu/kernels/batch_norm2d_partial_grads';
import { batchNorm2dPartialStatsSpec } from '../../gpu/kernels/batch_norm2d_partial_stats';
import type { EngineContext, PlannedOp } from '../op';
import {
  batchNormDims,
  batchNormSettings,
  checkAffine,
  type BatchNorm2dParams,
} from '../reference/batch-norm';
import { bindingOf, tensor, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor, type Dispatch } from './dispatch';

export type { BatchNorm2dParams } from '../reference/batch-norm';

const WG = 64;
/** Threads to aim for in the chunked reductions: 16 workgroups of 64. */
const MIN_THREADS = 1024;
/** Longest chunk a thread walks once the minimum is met, so big layers spread over more threads. */
const MAX_CHUNK = 512;
/** Shortest chunk worth a thread. */
const MIN_CHUNK = 32;

export interface Chunking {
  chunks: number;
  chunkLen: number;
}

/** Splits each channel's `count` values into equal contiguous chunks (the last may be shorter, never empty). */
export function chunkingFor(count: number, channels: number): Chunking {
  const wanted = Math.max(Math.ceil(MIN_THREADS / channels), Math.ceil(count / MAX_CHUNK));
  const chunkLen = Math.ceil(count / Math.min(wanted, Math.max(1, Math.floor(count / MIN_CHUNK))));
  return { chunks: Math.ceil(count / chunkLen), chunkLen };
}

/** The spec with boolean override constants set (merged over its own). */
export function withFlags(spec: KernelSpec, flags: Record<string, boolean>): KernelSpec {
  const constants: Record<string, number> = { ...spec.constants };
  for (const [name, on] of Object.entries(flags)) constants[name] = Number(on);
  return { ...spec, constants };
}

/** One dispatch of `spec` with its uniforms packed from `values` and its bind group made now. */
export function kernelDispatch(
  ctx: EngineContext,
  spec: KernelSpec,
  values: Record<string, number>,
  resources: Record<string, BindingResource>,
  workgroups: readonly [number, number?, number?],
): Dispatch {
  const kernel = getKernel(ctx.device, spec);
  const params = uniformsFor(ctx, kernel, `${spec.name}/params`, values);
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...resources });
  return { pipeline: kernel.pipeline, bindGroup, workgroups };
}

/** weight and bias bindings; without affine parameters the kernels read neither, but each needs a buffer. */
export function affineBindings(
  ctx: EngineContext,
  label: string,
  weight?: Tensor | null,
  bias?: Tensor | null,
) {
  if (weight && bias) return { weight: bindingOf(weight), bias: bindingOf(bias) };
  const none = ctx.arena.storage(`${label}/no-affine`, 16);
  return { weight: none, bias: none };
}

function checkChannels(what: string, channels: number, tensors: Record<string, Tensor>): void {
  for (const [name, t] of Object.entries(tensors)) expectShape(`${what} ${name}`, t, [channels]);
}

/**
 * Training: normalises by the batch mean and biased variance, saves mean and invstd = 1/sqrt(var + eps)
 * for backward, and updates runningMean/runningVar in place (momentum, unbiased variance). Eval: normalises
 * by the running stats and saves those. y = (x - mean) * invstd * weight + bias, or (x - mean) * invstd
 * without weight and bias (affine=False; both or neither).
 */
export function planBatchNorm2dForward(
  ctx: EngineContext,
  a: {
    x: Tensor;
    y: Tensor;
    weight?: Tensor | null;
    bias?: Tensor | null;
    runningMean: Tensor;
    runningVar: Tensor;
    saveMean: Tensor;
    saveInvstd: Tensor;
    params: BatchNorm2dParams;
  },
): PlannedOp {
  const { training } = a.params;
  const [n, channels, plane] = batchNormDims(a.x.shape, training);
  const { eps, momentum } = batchNormSettings(a.params);
  expectShape('batch_norm2d y', a.y, a.x.shape);
  const { runningMean, runningVar, saveMean, saveInvstd } = a;
  checkChannels('batch_norm2d', channels, { runningMean, runningVar, saveMean, saveInvstd });
  const affine = checkAffine('batch_norm2d', a.weight, a.bias);
  if (a.weight && a.bias) checkChannels('batch_norm2d', channels, { weight: a.weight, bias: a.bias });
  const count = n * plane;
  const { chunks, chunkLen } = chunkingFor(count, channels);
  // Eval reads no partials, but the binding must still hold a buffer.
  const partial = ctx.arena.storage('batch_norm2d/partial_stats', training ? 8 * channels * chunks : 16);
  const stats = { save_mean: bindingOf(saveMean), save_invstd: bindingOf(saveInvstd) };
  const dispatches: Dispatch[] = [];
  if (training) {
    dispatches.push(
      kernelDispatch(
        ctx,
        batchNorm2dPartialStatsSpec,
        { channels, plane, count, chunks, chunk_len: chunkLen },
        { x: bindingOf(a.x), partial },
        groups1d(channels * chunks, WG),
      ),
    );
  }
  dispatches.push(
    kernelDispatch(
      ctx,
      withFlags(batchNorm2dFinalizeStatsSpec, { TRAINING: training }),
      {
        channels,
        count,
        chunks,
        chunk_len: chunkLen,
        eps,
        momentum,
      },
      { partial, running_mean: bindingOf(runningMean), running_var: bindingOf(runningVar), ...stats },
      [groups(channels, WG)],
    ),
    kernelDispatch(
      ctx,
      withFlags(batchNorm2dNormalizeSpec, { AFFINE: affine }),
      { total: count * channels, plane, channels, count },
      {
        x: bindingOf(a.x),
        mean: bindingOf(saveMean),
        invstd: bindingOf(saveInvstd),
        ...affineBindings(ctx, 'batch_norm2d', a.weight, a.bias),
        y: bindingOf(a.y),
      },
      groups1d(count * channels, WG),
    ),
  );
  return plannedOp(`batch_norm2d_forward_${training ? 'train' : 'eval'}`, dispatches);
}

/**
 * Writes dbias = sum dy, dweight = sum dy * xhat and, when dx is given, dx (with the batch-statistics terms
 * in training, dx = weight * invstd * dy in eval). saveMean/saveInvstd come from the forward pass. Without
 * a weight (affine=False) there is no dweight or dbias: the sums dx needs go to scratch buffers.
 */
export function planBatchNorm2dBackward(
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
    params: Pick<BatchNorm2dParams, 'training'>;
  },
): PlannedOp {
  const { training } = a.params;
  const [n, channels, plane] = batchNormDims(a.x.shape, training);
  expectShape('batch_norm2d backward dy', a.dy, a.x.shape);
  if (a.dx) expectShape('batch_norm2d backward dx', a.dx, a.x.shape);
  const affine = !!a.weight;
  if (affine !== !!a.dweight || affine !== !!a.dbias) {
    throw new Error('batch_norm2d backward: dweight and dbias are given exactly when the weight is (affine)');
  }
  const scratch = (name: string) =>
    tensor(ctx.arena.storage(`batch_norm2d/${name}`, 4 * channels), [channels]);
  const { saveMean, saveInvstd } = a;
  const dweight = a.dweight ?? scratch('sum_dy_xhat');
  const dbias = a.dbias ?? scratch('sum_dy');
  checkChannels('batch_norm2d backward', channels, { saveMean, saveInvstd, dweight, dbias });
  if (a.weight) checkChannels('batch_norm2d backward', channels, { weight: a.weight });
  const count = n * plane;
  const { chunks, chunkLen } = chunkingFor(count, channels);
  const partial = ctx.arena.storage('batch_norm2d/partial_grads', 8 * channels * chunks);
  const saved = { mean: bindingOf(saveMean), invstd: bindingOf(saveInvstd) };
  const dispatches = [
    kernelDispatch(
      ctx,
      batchNorm2dPartialGradsSpec,
      { channels, plane, count, chunks, chunk_len: chunkLen },
      { x: bindingOf(a.x), dy: bindingOf(a.dy), ...saved, partial },
      groups1d(channels * chunks, WG),
    ),
    kernelDispatch(
      ctx,
      batchNorm2dFinalizeGradsSpec,
      { channels, chunks },
      { partial, dweight: bindingOf(dweight), dbias: bindingOf(dbias) },
      [groups(channels, WG)],
    ),
  ];
  if (a.dx) {
    dispatches.push(
      kernelDispatch(
        ctx,
        withFlags(batchNorm2dBackwardInputSpec, { TRAINING: training, AFFINE: affine }),
        { total: count * channels, plane, channels, count },
        {
          x: bindingOf(a.x),
          dy: bindingOf(a.dy),
          ...saved,
          // Without a weight the kernel reads none, but the binding must still hold a buffer.
          weight: bindingOf(a.weight ?? dbias),
          dweight: bindingOf(dweight),
          dbias: bindingOf(dbias),
          dx: bindingOf(a.dx),
        },
        groups1d(count * channels, WG),
      ),
    );
  }
  return plannedOp(`batch_norm2d_backward_${training ? 'train' : 'eval'}`, dispatches);
}
