// nn.Upsample on the GPU (NCHW, nearest or bilinear, integer factors 1..8 per axis), forward and backward side
// by side. The per-axis taps (source indices and weights, PyTorch's own, ops/upsample-geometry.ts) are
// computed once at plan time and uploaded as a small table, so the kernels do no division and no float
// index maths. Backward gathers over each input's span of outputs: no atomics, dx overwritten.
import { bindKernel, getKernel } from '../../gpu/kernel';
import { upsample2dBackwardSpec } from '../../gpu/kernels/upsample2d_backward';
import { upsample2dForwardSpec } from '../../gpu/kernels/upsample2d_forward';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor } from './dispatch';
import { planeGrid } from './plane-grid';
import {
  upsample2dGeometry,
  upsampledShape,
  type AxisTaps,
  type Upsample2dParams,
  type UpsampleGeometry,
} from './upsample-geometry';

export type { Upsample2dParams, UpsampleMode } from './upsample-geometry';
export { upsample2dGeometry, upsampledShape } from './upsample-geometry';

/** The WGSL `Tap` array: (i0: u32, i1: u32, l0: f32, l1: f32) per output index, rows' then columns'. */
function tapTable(g: UpsampleGeometry): Uint32Array {
  const count = g.oh + g.ow;
  const table = new Uint32Array(4 * count);
  const floats = new Float32Array(table.buffer);
  let k = 0;
  for (const axis of [g.rows, g.cols] as AxisTaps[]) {
    for (let o = 0; o < axis.i0.length; o++, k++) {
      table[4 * k] = axis.i0[o];
      table[4 * k + 1] = axis.i1[o];
      floats[4 * k + 2] = axis.l0[o];
      floats[4 * k + 3] = axis.l1[o];
    }
  }
  return table;
}

function uniforms(g: UpsampleGeometry): Record<string, number> {
  return { planes: g.n * g.c, h: g.h, w: g.w, oh: g.oh, ow: g.ow };
}

/** y = upsample(x): x [N,C,H,W], y [N,C,H*sh,W*sw]. */
export function planUpsample2dForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; params: Upsample2dParams },
  label = 'upsample2d_forward',
): PlannedOp {
  const g = upsample2dGeometry(a.x.shape, a.params);
  expectShape(`${label} y`, a.y, upsampledShape(g));
  const grid = planeGrid(g.ow, g.oh, g.n * g.c, label);
  const kernel = getKernel(
    ctx.device,
    upsample2dForwardSpec({ bilinear: !g.nearest, workgroupSize: grid.workgroupSize }),
  );
  const params = uniformsFor(ctx, kernel, `${label}/params`, uniforms(g));
  const taps = ctx.arena.upload(`${label}/taps`, tapTable(g));
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    { params, x: bindingOf(a.x), taps, y: bindingOf(a.y) },
    label,
  );
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups }]);
}

/** dx (shaped like the forward input) = upsample's adjoint applied to dy. */
export function planUpsample2dBackward(
  ctx: EngineContext,
  a: { dy: Tensor; dx: Tensor; params: Upsample2dParams },
  label = 'upsample2d_backward',
): PlannedOp {
  const g = upsample2dGeometry(a.dx.shape, a.params);
  expectShape(`${label} dy`, a.dy, upsampledShape(g));
  const grid = planeGrid(g.w, g.h, g.n * g.c, label);
  const kernel = getKernel(ctx.device, upsample2dBackwardSpec(grid.workgroupSize));
  const params = uniformsFor(ctx, kernel, `${label}/params`, uniforms(g));
  const taps = ctx.arena.upload(`${label}/taps`, tapTable(g));
  const spans = new Uint32Array(2 * (g.h + g.w));
  spans.set(g.rows.spans);
  spans.set(g.cols.spans, 2 * g.h);
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      dy: bindingOf(a.dy),
      taps,
      spans: ctx.arena.upload(`${label}/spans`, spans),
      dx: bindingOf(a.dx),
    },
    label,
  );
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups }]);
}
