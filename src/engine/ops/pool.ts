// max_pool2d and avg_pool2d on the GPU, forward and backward side by side (NCHW float32).
// Pooling is memory-bound. Where max-pool windows tile the input exactly (LeNet's 2x2 pools) both passes
// use the *_windows kernels: a 3-D grid (column groups, rows, planes) with no integer division, 4 windows
// per thread, one pass over the input. Otherwise every pass is one barrier-free thread per output
// (forward) or per input (backward) element on a flat grid. Backward passes gather instead of scattering:
// no float atomics, a fixed summation order, and dx is overwritten.
import { bindKernel, getKernel, groups1d, type BindingResource, type KernelSpec } from '../../gpu/kernel';
import { avgPool2dBackwardSpec } from '../../gpu/kernels/avg_pool2d_backward';
import { avgPool2dForwardSpec } from '../../gpu/kernels/avg_pool2d_forward';
import { maxPool2dBackwardSpec } from '../../gpu/kernels/max_pool2d_backward';
import { maxPool2dBackwardWindowsSpec } from '../../gpu/kernels/max_pool2d_backward_windows';
import { maxPool2dForwardSpec } from '../../gpu/kernels/max_pool2d_forward';
import { maxPool2dForwardWindowsSpec } from '../../gpu/kernels/max_pool2d_forward_windows';
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
/** Windows per thread along a row in the *_windows kernels (OUTS in their WGSL). */
const WINDOW_OUTS = 4;
const MAX_GROUPS = 65535;

type Triple = [number, number, number];

/** The grid of the *_windows kernels over [column groups, rows, planes]. */
export interface WindowGrid {
  workgroupSize: Triple;
  workgroups: Triple;
}

const pow2AtLeast = (n: number) => 2 ** Math.ceil(Math.log2(n));

/**
 * The *_windows kernels' grid for `g`, or null where they do not apply: the windows must tile the input
 * exactly (kernel = stride, no padding or dilation, no remainder), so every input element lies in exactly
 * one window, and every grid axis must fit 65535 workgroups. The 64 threads of a workgroup go to planes
 * first (a batch has many), then rows, then column groups, so few are idle at LeNet's 5x5 outputs.
 */
export function maxPoolWindowGrid(g: PoolGeometry): WindowGrid | null {
  const tiles =
    g.kh === g.sh &&
    g.kw === g.sw &&
    g.ph === 0 &&
    g.pw === 0 &&
    g.dh === 1 &&
    g.dw === 1 &&
    g.oh * g.sh === g.h &&
    g.ow * g.sw === g.w;
  if (!tiles) return null;
  const cols = Math.ceil(g.ow / WINDOW_OUTS);
  const planes = g.n * g.c;
  const z = Math.min(WG, pow2AtLeast(planes));
  const y = Math.min(WG / z, pow2AtLeast(g.oh));
  const x = WG / (z * y);
  const workgroups: Triple = [Math.ceil(cols / x), Math.ceil(g.oh / y), Math.ceil(planes / z)];
  return workgroups.every((n) => n <= MAX_GROUPS) ? { workgroupSize: [x, y, z], workgroups } : null;
}

/** Whether max_pool2d on `xShape` takes the *_windows kernels (and so can fuse a preceding ReLU's backward). */
export function maxPoolTilesExactly(xShape: readonly number[], params: MaxPool2dParams): boolean {
  return maxPoolWindowGrid(maxPool2dGeometry(xShape, params)) !== null;
}

/** Whether max_pool2d on `xShape` is 2x2 windows of stride 2 that tile it exactly (what a conv can fuse). */
export function maxPoolIs2x2(xShape: readonly number[], params: MaxPool2dParams): boolean {
  const g = maxPool2dGeometry(xShape, params);
  return g.kh === 2 && g.kw === 2 && maxPoolWindowGrid(g) !== null;
}

/** A pass of a *_windows kernel over `grid`. */
function planWindows(
  ctx: EngineContext,
  label: string,
  spec: KernelSpec,
  g: PoolGeometry,
  grid: WindowGrid,
  bind: Readonly<Record<string, BindingResource>>,
): PlannedOp {
  const kernel = getKernel(ctx.device, spec);
  const params = uniformsFor(ctx, kernel, `${label}/params`, {
    ow: g.ow,
    oh: g.oh,
    w: g.w,
    planes: g.n * g.c,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind });
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups }]);
}

/** A pass of a general pooling kernel: one thread per element of `total` on a flat grid. */
function planFlat(
  ctx: EngineContext,
  label: string,
  spec: KernelSpec,
  g: PoolGeometry,
  total: number,
  extra: Readonly<Record<string, number>>,
  bind: Readonly<Record<string, BindingResource>>,
): PlannedOp {
  const kernel = getKernel(ctx.device, spec);
  const params = uniformsFor(ctx, kernel, `${label}/params`, {
    total,
    h: g.h,
    w: g.w,
    oh: g.oh,
    ow: g.ow,
    kh: g.kh,
    kw: g.kw,
    sh: g.sh,
    sw: g.sw,
    ph: g.ph,
    pw: g.pw,
    dh: g.dh,
    dw: g.dw,
    count_include_pad: 0,
    ...extra,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind });
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(total, WG) }]);
}

/** y = max over each window; `indices` (u32, shaped like y) gets the argmax as iy * W + ix in its plane. */
export function planMaxPool2dForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; indices: Tensor; params: MaxPool2dParams },
): PlannedOp {
  const g = maxPool2dGeometry(a.x.shape, a.params);
  expectShape('max_pool2d y', a.y, pooledShape(g));
  expectShape('max_pool2d indices', a.indices, pooledShape(g));
  const bind = { x: bindingOf(a.x), y: bindingOf(a.y), indices: bindingOf(a.indices) };
  const grid = maxPoolWindowGrid(g);
  if (grid) {
    const spec = maxPool2dForwardWindowsSpec({ kh: g.kh, kw: g.kw, workgroupSize: grid.workgroupSize });
    return planWindows(ctx, 'max_pool2d_forward', spec, g, grid, bind);
  }
  const total = sizeOf(a.y.shape);
  return planFlat(ctx, 'max_pool2d_forward', maxPool2dForwardSpec, g, total, {}, bind);
}

/** dx (shaped like the forward input) = dy routed to each window's saved argmax. */
export function planMaxPool2dBackward(
  ctx: EngineContext,
  a: {
    dy: Tensor;
    indices: Tensor;
    dx: Tensor;
    params: MaxPool2dParams;
    /** The pool's output y, to fuse the backward of a ReLU before the pool (only where maxPoolTilesExactly). */
    reluMask?: Tensor;
  },
): PlannedOp {
  const g = maxPool2dGeometry(a.dx.shape, a.params);
  expectShape('max_pool2d backward dy', a.dy, pooledShape(g));
  expectShape('max_pool2d backward indices', a.indices, pooledShape(g));
  const bind = { dy: bindingOf(a.dy), indices: bindingOf(a.indices), dx: bindingOf(a.dx) };
  const grid = maxPoolWindowGrid(g);
  if (a.reluMask) {
    expectShape('max_pool2d backward ReLU mask', a.reluMask, pooledShape(g));
    if (!grid) throw new Error('max_pool2d backward fuses a ReLU only where the windows tile the input');
  }
  if (grid) {
    const spec = maxPool2dBackwardWindowsSpec({
      reluMask: !!a.reluMask,
      kh: g.kh,
      kw: g.kw,
      workgroupSize: grid.workgroupSize,
    });
    // Without the mask dy stands in for the unread y binding (read-only aliases are allowed).
    const y = a.reluMask ? bindingOf(a.reluMask) : bind.dy;
    return planWindows(ctx, 'max_pool2d_backward', spec, g, grid, { ...bind, y });
  }
  const total = sizeOf(a.dx.shape);
  return planFlat(ctx, 'max_pool2d_backward', maxPool2dBackwardSpec, g, total, {}, bind);
}

const includePad = (p: AvgPool2dParams) => ({ count_include_pad: (p.countIncludePad ?? true) ? 1 : 0 });

/** y = mean over each window with PyTorch's divisor (count_include_pad, ceil_mode overhang). */
export function planAvgPool2dForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; params: AvgPool2dParams },
): PlannedOp {
  const g = avgPool2dGeometry(a.x.shape, a.params);
  expectShape('avg_pool2d y', a.y, pooledShape(g));
  const bind = { x: bindingOf(a.x), y: bindingOf(a.y) };
  const total = sizeOf(a.y.shape);
  return planFlat(ctx, 'avg_pool2d_forward', avgPool2dForwardSpec, g, total, includePad(a.params), bind);
}

/** dx (shaped like the forward input) = dy / divisor spread back over each window. */
export function planAvgPool2dBackward(
  ctx: EngineContext,
  a: { dy: Tensor; dx: Tensor; params: AvgPool2dParams },
): PlannedOp {
  const g = avgPool2dGeometry(a.dx.shape, a.params);
  expectShape('avg_pool2d backward dy', a.dy, pooledShape(g));
  const bind = { dy: bindingOf(a.dy), dx: bindingOf(a.dx) };
  const total = sizeOf(a.dx.shape);
  return planFlat(ctx, 'avg_pool2d_backward', avgPool2dBackwardSpec, g, total, includePad(a.params), bind);
}
