// y += alpha · x over whole tensors: accumulates one gradient into another (a GAN's discriminator sums
// the gradients of its real and fake batches before one optimizer step, as PyTorch's two backward() calls do).
import { bindKernel, getKernel, groups1d } from '../../gpu/kernel';
import { axpySpec } from '../../gpu/kernels/axpy';
import type { EngineContext, PlannedOp } from '../op';
import { bindingOf, sizeOf, type Tensor } from '../tensor';
import { expectSize, plannedOp, uniformsFor } from './dispatch';

export interface AxpyArgs {
  x: Tensor;
  /** Same number of elements as x; updated in place. */
  y: Tensor;
  alpha: number;
}

export function planAxpy(ctx: EngineContext, t: AxpyArgs, label = 'axpy'): PlannedOp {
  const n = sizeOf(t.x.shape);
  expectSize(`${label} y`, t.y, n);
  const kernel = getKernel(ctx.device, axpySpec);
  const params = uniformsFor(ctx, kernel, `${label}/params`, { n, alpha: t.alpha });
  const bindGroup = bindKernel(ctx.device, kernel, { params, x: bindingOf(t.x), y: bindingOf(t.y) }, label);
  return plannedOp(label, [
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(n, axpySpec.workgroupSize[0]) },
  ]);
}
