// AdaptiveAvgPool2d on the GPU (NCHW, any output size >= 1), forward and backward side by side. The bins
// (PyTorch's, ops/adaptive-pool-geometry.ts) are computed at plan time and uploaded as small tables, so the
// kernels do no division by runtime sizes. Forward reduces a bin in two passes, along its width into a
// scratch [N*C, H, OW] and then along its height: a thread's serial loads are a bin's width or height, not
// their product, so global pooling (1 x 1) of a large plane spreads over H threads per plane before one
// reduction per channel. Where every column bin is one column (OW = W) the width pass is skipped. Backward
// gathers over each input's span of outputs: no atomics, dx overwritten.
import { bindKernel, getKernel } from '../../gpu/kernel';
import { adaptiveAvgPool2dBackwardSpec } from '../../gpu/kernels/adaptive_avg_pool2d_backward';
import { adaptiveAvgPool2dHeightSpec } from '../../gpu/kernels/adaptive_avg_pool2d_height';
import { adaptiveAvgPool2dWidthSpec } from '../../gpu/kernels/adaptive_avg_pool2d_width';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, type Tensor } from '../tensor';
import {
  adaptiveAvgPool2dGeometry,
  adaptivePooledShape,
  type AdaptiveAvgPoolGeometry,
} from './adaptive-pool-geometry';
import { expectShape, plannedOp, uniformsFor, type Dispatch } from './dispatch';
import { planeGrid } from './plane-grid';

export { adaptiveAvgPool2dGeometry, adaptivePooledShape } from './adaptive-pool-geometry';

/** PyTorch's output_size: one size for both axes, or [height, width]. */
export type AdaptiveOutputSize = number | readonly [number, number];

/** Rows' then columns' pairs of a per-axis table (bins or spans). */
function axisTable(ctx: EngineContext, name: string, rows: Uint32Array, cols: Uint32Array): GPUBuffer {
  const table = new Uint32Array(rows.length + cols.length);
  table.set(rows);
  table.set(cols, rows.length);
  return ctx.arena.upload(name, table);
}

/** Whether the forward pass skips its width pass: every column bin is exactly one column. */
export function adaptiveAvgPoolSkipsWidthPass(g: AdaptiveAvgPoolGeometry): boolean {
  return g.ow === g.w;
}

/** y = AdaptiveAvgPool2d(outputSize)(x): x [N,C,H,W], y [N,C,OH,OW]. */
export function planAdaptiveAvgPool2dForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; outputSize: AdaptiveOutputSize },
  label = 'adaptive_avg_pool2d_forward',
): PlannedOp {
  const g = adaptiveAvgPool2dGeometry(a.x.shape, a.outputSize);
  expectShape(`${label} y`, a.y, adaptivePooledShape(g));
  const planes = g.n * g.c;
  const bins = axisTable(ctx, `${label}/bins`, g.rows.bins, g.cols.bins);
  const dispatches: Dispatch[] = [];
  let rowsum = bindingOf(a.x);
  if (!adaptiveAvgPoolSkipsWidthPass(g)) {
    const grid = planeGrid(g.ow, g.h, planes, label);
    const kernel = getKernel(ctx.device, adaptiveAvgPool2dWidthSpec(grid.workgroupSize));
    const params = uniformsFor(ctx, kernel, `${label}/width params`, {
      planes,
      h: g.h,
      w: g.w,
      oh: g.oh,
      ow: g.ow,
    });
    rowsum = ctx.arena.storage(`${label}/rowsum`, planes * g.h * g.ow * 4);
    const bindGroup = bindKernel(ctx.device, kernel, { params, x: bindingOf(a.x), bins, rowsum }, label);
    dispatches.push({ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups });
  }
  const grid = planeGrid(g.ow, g.oh, planes, label);
  const kernel = getKernel(ctx.device, adaptiveAvgPool2dHeightSpec(grid.workgroupSize));
  const params = uniformsFor(ctx, kernel, `${label}/height params`, {
    planes,
    h: g.h,
    w: g.w,
    oh: g.oh,
    ow: g.ow,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, rowsum, bins, y: bindingOf(a.y) }, label);
  dispatches.push({ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups });
  return plannedOp(label, dispatches);
}

/** dx (shaped like the forward input) = each output's dy / bin height / bin width spread over its bin. */
export function planAdaptiveAvgPool2dBackward(
  ctx: EngineContext,
  a: { dy: Tensor; dx: Tensor; outputSize: AdaptiveOutputSize },
  label = 'adaptive_avg_pool2d_backward',
): PlannedOp {
  const g = adaptiveAvgPool2dGeometry(a.dx.shape, a.outputSize);
  expectShape(`${label} dy`, a.dy, adaptivePooledShape(g));
  const grid = planeGrid(g.w, g.h, g.n * g.c, label);
  const kernel = getKernel(ctx.device, adaptiveAvgPool2dBackwardSpec(grid.workgroupSize));
  const params = uniformsFor(ctx, kernel, `${label}/params`, {
    planes: g.n * g.c,
    h: g.h,
    w: g.w,
    oh: g.oh,
    ow: g.ow,
  });
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      dy: bindingOf(a.dy),
      bins: axisTable(ctx, `${label}/bins`, g.rows.bins, g.cols.bins),
      spans: axisTable(ctx, `${label}/spans`, g.rows.spans, g.cols.spans),
      dx: bindingOf(a.dx),
    },
    label,
  );
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups }]);
}
