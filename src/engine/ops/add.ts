// Elementwise add on the GPU, for graph networks: forward y = a + b (a residual connection), and the
// in-place accumulate y += x that sums a tensor's gradients where it feeds several nodes. Add's backward
// needs no kernel of its own: da = db = dy, so a graph hands dy on to both inputs (or accumulates it into
// a gradient that already holds another consumer's share). Both kernels take one vec4 a thread, with a
// scalar tail for sizes that are not a multiple of 4.
import { bindKernel, getKernel, groups1d, type BindingResource, type KernelSpec } from '../../gpu/kernel';
import { addAccumulateSpec } from '../../gpu/kernels/add_accumulate';
import { addForwardSpec } from '../../gpu/kernels/add_forward';
import type { EngineContext, PlannedOp } from '../op';
import { sizeOf, vec4BindingOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor } from './dispatch';

/** One pass of a vec4 elementwise kernel over n scalars (ceil(n / 4) threads). */
function planVec4(
  ctx: EngineContext,
  label: string,
  spec: KernelSpec,
  n: number,
  bind: Readonly<Record<string, BindingResource>>,
): PlannedOp {
  const kernel = getKernel(ctx.device, spec);
  const n4 = Math.ceil(n / 4);
  const params = uniformsFor(ctx, kernel, `${label}/params`, { n4, n });
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind }, label);
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(n4, spec.workgroupSize[0]) },
  ]);
}

export interface AddForwardArgs {
  a: Tensor;
  /** Same shape as a. */
  b: Tensor;
  /** Same shape as a; must not overlap a or b (to add in place, accumulate instead). */
  y: Tensor;
}

/** y = a + b. */
export function planAddForward(ctx: EngineContext, t: AddForwardArgs, label = 'add'): PlannedOp {
  expectShape(`${label} b`, t.b, t.a.shape);
  expectShape(`${label} y`, t.y, t.a.shape);
  const bind = {
    a: vec4BindingOf(t.a, `${label} a`),
    b: vec4BindingOf(t.b, `${label} b`),
    y: vec4BindingOf(t.y, `${label} y`),
  };
  return planVec4(ctx, label, addForwardSpec, sizeOf(t.a.shape), bind);
}

export interface AccumulateArgs {
  x: Tensor;
  /** Same shape as x; updated in place, y += x. */
  y: Tensor;
}

/** y += x: sums one consumer's gradient into a tensor's gradient. */
export function planAccumulate(ctx: EngineContext, t: AccumulateArgs, label = 'accumulate'): PlannedOp {
  expectShape(`${label} y`, t.y, t.x.shape);
  const bind = { x: vec4BindingOf(t.x, `${label} x`), y: vec4BindingOf(t.y, `${label} y`) };
  return planVec4(ctx, label, addAccumulateSpec, sizeOf(t.x.shape), bind);
}
