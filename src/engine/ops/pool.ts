// max_pool2d and avg_pool2d on the GPU, forward and backward side by side (NCHW float32).
// Pooling is memory-bound, so every pass is one barrier-free thread per output (forward) or per input
// (backward) element, except max-pool backward over windows that tile the input (one thread per window). Backward passes gather instead of scattering: no float atomics, a fixed summation
// order, and dx is overwritten.
import { bindKernel, getKernel, groups1d } from '../../gpu/kernel';
import { avgPool2dBackwardSpec } from '../../gpu/kernels/avg_pool2d_backward';
import { avgPool2dForwardSpec } from '../../gpu/kernels/avg_pool2d_forward';
import { maxPool2dBackwardSpec } from '../../gpu/kernels/max_pool2d_backward';
import { maxPool2dBackwardWindowsSpec } from '../../gpu/kernels/max_pool2d_backward_windows';
import { maxPool2dForwardSpec } from '../../gpu/kernels/max_pool2d_forward';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, sizeOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor } from './dispatch';
import {
  avgPool2dGeometry,
  maxPool2dGeometry,
  pooledShape,
  type AvgPool2dParams,
  type MaxPool2dParams,
  type PoolGeometry,
} from './pool-geometry';

export type { AvgPool2dParams, MaxPool2dParams } from './pool-geometry';

const WG = 64;

function windowUniforms(g: PoolGeometry) {
  return { kh: g.kh, kw: g.kw, sh: g.sh, sw: g.sw, ph: g.ph, pw: g.pw };
}

/**
 * Whether every input element lies in exactly one window (kernel = stride, no padding or dilation, no
 * remainder): then max_pool2d backward writes whole windows, one thread each (measured on SwiftShader, 2x2
 * LeNet pools at batch 64, CPU time: see the commit), instead of searching windows per input element.
 */
export function maxPoolTilesExactly(xShape: readonly number[], params: MaxPool2dParams): boolean {
  return tilesExactly(maxPool2dGeometry(xShape, params));
}

function tilesExactly(g: PoolGeometry): boolean {
  return (
    g.kh === g.sh &&
    g.kw === g.sw &&
    g.ph === 0 &&
    g.pw === 0 &&
    g.dh === 1 &&
    g.dw === 1 &&
    g.oh * g.sh === g.h &&
    g.ow * g.sw === g.w
  );
}

/** y = max over each window; `indices` (u32, shaped like y) gets the argmax as iy * W + ix in its plane. */
export function planMaxPool2dForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; indices: Tensor; params: MaxPool2dParams },
): PlannedOp {
  const g = maxPool2dGeometry(a.x.shape, a.params);
  expectShape('max_pool2d y', a.y, pooledShape(g));
  expectShape('max_pool2d indices', a.indices, pooledShape(g));
  const kernel = getKernel(ctx.device, maxPool2dForwardSpec);
  const total = sizeOf(a.y.shape);
  const params = uniformsFor(ctx, kernel, 'max_pool2d_forward/params', {
    total,
    h: g.h,
    w: g.w,
    oh: g.oh,
    ow: g.ow,
    ...windowUniforms(g),
    dh: g.dh,
    dw: g.dw,
  });
  const bindGroup = bindKernel(ctx.device, kernel, {
    params,
    x: bindingOf(a.x),
    y: bindingOf(a.y),
    indices: bindingOf(a.indices),
  });
  return plannedOp('max_pool2d_forward', [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(total, WG) },
  ]);
}

/** dx (shaped like the forward input) = dy routed to each window's saved argmax. */
export function planMaxPool2dBackward(
  ctx: EngineContext,
  a: {
    dy: Tensor;
    indices: Tensor;
    dx: Tensor;
    params: MaxPool2dParams;
    /** The pool's output y, to fuse the backward of a ReLU before the pool (only where tilesExactly). */
    reluMask?: Tensor;
  },
): PlannedOp {
  const g = maxPool2dGeometry(a.dx.shape, a.params);
  expectShape('max_pool2d backward dy', a.dy, pooledShape(g));
  expectShape('max_pool2d backward indices', a.indices, pooledShape(g));
  const bind = { dy: bindingOf(a.dy), indices: bindingOf(a.indices), dx: bindingOf(a.dx) };
  if (a.reluMask) {
    expectShape('max_pool2d backward ReLU mask', a.reluMask, pooledShape(g));
    if (!tilesExactly(g))
      throw new Error('max_pool2d backward fuses a ReLU only where the windows tile the input');
  }
  if (tilesExactly(g)) {
    const kernel = getKernel(ctx.device, maxPool2dBackwardWindowsSpec({ reluMask: !!a.reluMask }));
    const windows = sizeOf(a.dy.shape);
    const { h, w, oh, ow, kh, kw } = g;
    const params = uniformsFor(ctx, kernel, 'max_pool2d_backward/params', {
      total: windows,
      h,
      w,
      oh,
      ow,
      kh,
      kw,
    });
    // Without the mask dy stands in for the unread y binding (read-only aliases are allowed).
    const y = a.reluMask ? bindingOf(a.reluMask) : bind.dy;
    const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind, y });
    return plannedOp('max_pool2d_backward', [
      { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(windows, WG) },
    ]);
  }
  const kernel = getKernel(ctx.device, maxPool2dBackwardSpec);
  const total = sizeOf(a.dx.shape);
  const params = uniformsFor(ctx, kernel, 'max_pool2d_backward/params', {
    total,
    h: g.h,
    w: g.w,
    oh: g.oh,
    ow: g.ow,
    ...windowUniforms(g),
    dh: g.dh,
    dw: g.dw,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind });
  return plannedOp('max_pool2d_backward', [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(total, WG) },
  ]);
}

/** y = mean over each window with PyTorch's divisor (count_include_pad, ceil_mode overhang). */
export function planAvgPool2dForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; params: AvgPool2dParams },
): PlannedOp {
  const g = avgPool2dGeometry(a.x.shape, a.params);
  expectShape('avg_pool2d y', a.y, pooledShape(g));
  const kernel = getKernel(ctx.device, avgPool2dForwardSpec);
  const total = sizeOf(a.y.shape);
  const params = uniformsFor(ctx, kernel, 'avg_pool2d_forward/params', {
    total,
    h: g.h,
    w: g.w,
    oh: g.oh,
    ow: g.ow,
    ...windowUniforms(g),
    count_include_pad: (a.params.countIncludePad ?? true) ? 1 : 0,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, x: bindingOf(a.x), y: bindingOf(a.y) });
  return plannedOp('avg_pool2d_forward', [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(total, WG) },
  ]);
}

/** dx (shaped like the forward input) = dy / divisor spread back over each window. */
export function planAvgPool2dBackward(
  ctx: EngineContext,
  a: { dy: Tensor; dx: Tensor; params: AvgPool2dParams },
): PlannedOp {
  const g = avgPool2dGeometry(a.dx.shape, a.params);
  expectShape('avg_pool2d backward dy', a.dy, pooledShape(g));
  const kernel = getKernel(ctx.device, avgPool2dBackwardSpec);
  const total = sizeOf(a.dx.shape);
  const params = uniformsFor(ctx, kernel, 'avg_pool2d_backward/params', {
    total,
    h: g.h,
    w: g.w,
    oh: g.oh,
    ow: g.ow,
    ...windowUniforms(g),
    count_include_pad: (a.params.countIncludePad ?? true) ? 1 : 0,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, dy: bindingOf(a.dy), dx: bindingOf(a.dx) });
  return plannedOp('avg_pool2d_backward', [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(total, WG) },
  ]);
}
