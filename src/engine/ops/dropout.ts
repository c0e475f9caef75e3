// Dropout on the GPU with a mask that is a pure function of (seed, step): nothing is stored between forward
// and backward, and the CPU reference (src/engine/reference/dropout.ts) draws the same mask bit for bit.
import { bindKernel, getKernel, groups1d } from '../../gpu/kernel';
import { dropoutForwardSpec } from '../../gpu/kernels/dropout_forward';
import type { EngineContext, PlannedOp } from '../op';
import { checkStep, dropoutRule, type DropoutParams } from '../reference/dropout';
import { bindingOf, sizeOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor } from './dispatch';

export type { DropoutParams } from '../reference/dropout';

/**
 * One dropout layer's mask parameters on the GPU, shared by its forward and backward ops through one
 * uniform buffer: call setStep(step) once per training step before submitting, and both passes use it.
 */
export interface DropoutMask {
  readonly params: DropoutParams;
  readonly uniforms: GPUBuffer;
  readonly n: number;
  /** Writes the step counter into the uniforms; queue-ordered, so it applies to the next submit. */
  setStep(step: number): void;
}

export function createDropoutMask(ctx: EngineContext, params: DropoutParams, n: number): DropoutMask {
  const { threshold, scale } = dropoutRule(params);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`dropout: element count must be a positive integer, got ${n}`);
  const kernel = getKernel(ctx.device, dropoutForwardSpec);
  const uniforms = uniformsFor(ctx, kernel, 'dropout/params', {
    n,
    seed: params.seed,
    step: 0,
    threshold,
    scale,
  });
  const stepField = kernel.uniformFields.find((f) => f.name === 'step');
  if (!stepField) throw new Error('dropout_forward.wgsl: Params has no step field');
  const word = new Uint32Array(1);
  return {
    params,
    uniforms,
    n,
    setStep(step: number) {
      checkStep(step);
      word[0] = step;
      ctx.device.queue.writeBuffer(uniforms, stepField.offset, word);
    },
  };
}

function planMasked(ctx: EngineContext, mask: DropoutMask, input: Tensor, output: Tensor, label: string) {
  if (sizeOf(input.shape) !== mask.n) {
    throw new Error(`${label}: mask made for ${mask.n} elements, got [${input.shape}]`);
  }
  expectShape(`${label} output`, output, input.shape);
  const kernel = getKernel(ctx.device, dropoutForwardSpec);
  const bindGroup = bindKernel(ctx.device, kernel, {
    params: mask.uniforms,
    x: bindingOf(input),
    y: bindingOf(output),
  });
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(mask.n, 64) }]);
}

/** y = x * mask / (1 - p) in training (mask of the step last set), y = x in eval. */
export function planDropoutForward(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; mask: DropoutMask },
): PlannedOp {
  return planMasked(ctx, a.mask, a.x, a.y, 'dropout_forward');
}

/** dx = dy * mask / (1 - p) with the same mask as the forward pass of the same step. */
export function planDropoutBackward(
  ctx: EngineContext,
  a: { dy: Tensor; dx: Tensor; mask: DropoutMask },
): PlannedOp {
  return planMasked(ctx, a.mask, a.dy, a.dx, 'dropout_backward');
}
