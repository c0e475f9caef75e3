// Channel concat on the GPU, y = cat([x1, x2, ...], dim=1) for [B,C,H,W] or flat [B,N], forward and backward
// side by side. Both are strided block copies (concat_copy): forward copies each input into its channel
// range of every batch row of y, backward copies each range of dy out into dx_i (overwritten). Where every
// run, row and offset is a multiple of 4 (an image's H*W usually is) the copies move vec4s.
import { bindKernel, getKernel } from '../../gpu/kernel';
import { concatCopySpec } from '../../gpu/kernels/concat_copy';
import { concatCopyVec4Spec } from '../../gpu/kernels/concat_copy_vec4';
import type { EngineContext, PlannedOp } from '../op';
import { concatRuns, concatShape } from '../reference/concat';
import { bindingOf, vec4BindingOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, sequence, uniformsFor } from './dispatch';
import { rowGrid } from './row-grid';

export { concatShape } from '../reference/concat';

/** A strided block copy: `rows` runs of `len` values from src (row length srcRow) into dst (dstRow). */
interface BlockCopy {
  src: Tensor;
  dst: Tensor;
  rows: number;
  len: number;
  srcRow: number;
  srcOffset: number;
  dstRow: number;
  dstOffset: number;
}

/** Whether a copy takes the vec4 kernel: every length and offset a whole number of vec4s. */
export function concatCopyUsesVec4(
  c: Pick<BlockCopy, 'len' | 'srcRow' | 'srcOffset' | 'dstRow' | 'dstOffset'>,
) {
  return [c.len, c.srcRow, c.srcOffset, c.dstRow, c.dstOffset].every((v) => v % 4 === 0);
}

function planBlockCopy(ctx: EngineContext, label: string, c: BlockCopy): PlannedOp {
  const vec4 = concatCopyUsesVec4(c);
  const unit = vec4 ? 4 : 1;
  const len = c.len / unit;
  const grid = rowGrid(len, c.rows);
  const spec = vec4 ? concatCopyVec4Spec(grid.workgroupSize) : concatCopySpec(grid.workgroupSize);
  const kernel = getKernel(ctx.device, spec);
  const params = uniformsFor(ctx, kernel, `${label}/params`, {
    rows: c.rows,
    len,
    src_row: c.srcRow / unit,
    src_offset: c.srcOffset / unit,
    dst_row: c.dstRow / unit,
    dst_offset: c.dstOffset / unit,
  });
  const bind = vec4
    ? { src: vec4BindingOf(c.src, `${label} source`), dst: vec4BindingOf(c.dst, `${label} destination`) }
    : { src: bindingOf(c.src), dst: bindingOf(c.dst) };
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind }, label);
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: grid.workgroups }]);
}

export interface ConcatForwardArgs {
  /** At least one; every dimension but 1 equal. */
  xs: readonly Tensor[];
  /** concatShape of the inputs' shapes; must not overlap any input. */
  y: Tensor;
}

/** y = cat(xs, dim=1): one copy per input. */
export function planConcatForward(ctx: EngineContext, a: ConcatForwardArgs, label = 'concat'): PlannedOp {
  const shapes = a.xs.map((x) => x.shape);
  expectShape(`${label} y`, a.y, concatShape(shapes));
  const { runs, offsets, row } = concatRuns(shapes);
  const rows = shapes[0][0];
  const copies = a.xs.map((x, i) =>
    planBlockCopy(ctx, `${label}/forward ${i}`, {
      src: x,
      dst: a.y,
      rows,
      len: runs[i],
      srcRow: runs[i],
      srcOffset: 0,
      dstRow: row,
      dstOffset: offsets[i],
    }),
  );
  return sequence(`${label}/forward`, copies);
}

export interface ConcatBackwardArgs {
  /** Gradient of y, concatShape of the dxs' shapes. */
  dy: Tensor;
  /** One per input, shaped like it; overwritten with its slice of dy. */
  dxs: readonly Tensor[];
}

/** dx_i = the channel range of dy that x_i filled: one copy per input. */
export function planConcatBackward(ctx: EngineContext, a: ConcatBackwardArgs, label = 'concat'): PlannedOp {
  const shapes = a.dxs.map((dx) => dx.shape);
  expectShape(`${label} backward dy`, a.dy, concatShape(shapes));
  const { runs, offsets, row } = concatRuns(shapes);
  const rows = shapes[0][0];
  const copies = a.dxs.map((dx, i) =>
    planBlockCopy(ctx, `${label}/backward ${i}`, {
      src: a.dy,
      dst: dx,
      rows,
      len: runs[i],
      srcRow: row,
      srcOffset: offsets[i],
      dstRow: runs[i],
      dstOffset: 0,
    }),
  );
  return sequence(`${label}/backward`, copies);
}
