// Elementwise activations on the GPU, forward and backward side by side (shaders/activation_*.wgsl,
// specialised by the override ACT). Any size: dispatches fold into 2-D past 65535 workgroups.
import { bindKernel, getKernel, groups1d } from '../../gpu/kernel';
import { activationBackwardSpec } from '../../gpu/kernels/activation_backward';
import { activationForwardSpec } from '../../gpu/kernels/activation_forward';
import type { EngineContext, PlannedOp } from '../op';
import { DEFAULT_LEAKY_SLOPE, type ActivationKind } from '../reference/activation';
import { bindingOf, sizeOf, type Tensor } from '../tensor';
import { expectSize, plannedOp, uniformsFor } from './dispatch';

const ACT_CODE: Record<ActivationKind, number> = { relu: 0, leaky_relu: 1, sigmoid: 2, tanh: 3 };

export interface ActivationForwardArgs {
  kind: ActivationKind;
  x: Tensor;
  /** Same number of elements as x; a different buffer range (a kernel may not read and write one binding). */
  y: Tensor;
  /** LeakyReLU's negative slope (PyTorch default 0.01). */
  slope?: number;
}

export function planActivationForward(ctx: EngineContext, t: ActivationForwardArgs): PlannedOp {
  const n = sizeOf(t.x.shape);
  expectSize(`${t.kind} output`, t.y, n);
  const spec = { ...activationForwardSpec, constants: { ACT: ACT_CODE[t.kind] } };
  const kernel = getKernel(ctx.device, spec);
  const params = uniformsFor(ctx, kernel, `${t.kind}/forward/params`, {
    n,
    slope: t.slope ?? DEFAULT_LEAKY_SLOPE,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, x: bindingOf(t.x), y: bindingOf(t.y) });
  const workgroups = groups1d(n, spec.workgroupSize[0]);
  return plannedOp(`${t.kind}/forward`, [{ pipeline: kernel.pipeline, bindGroup, workgroups }]);
}

export interface ActivationBackwardArgs {
  kind: ActivationKind;
  /**
   * The forward input for relu/leaky_relu, the forward output for sigmoid/tanh (see savesInput). For
   * relu/leaky_relu with slope >= 0 the output works as well: y > 0 exactly when x > 0.
   */
  saved: Tensor;
  dy: Tensor;
  /** Overwritten with dy * f'(.). */
  dx: Tensor;
  slope?: number;
}

export function planActivationBackward(ctx: EngineContext, t: ActivationBackwardArgs): PlannedOp {
  const n = sizeOf(t.dy.shape);
  expectSize(`${t.kind} saved tensor`, t.saved, n);
  expectSize(`${t.kind} input gradient`, t.dx, n);
  const spec = { ...activationBackwardSpec, constants: { ACT: ACT_CODE[t.kind] } };
  const kernel = getKernel(ctx.device, spec);
  const params = uniformsFor(ctx, kernel, `${t.kind}/backward/params`, {
    n,
    slope: t.slope ?? DEFAULT_LEAKY_SLOPE,
  });
  const bindGroup = bindKernel(ctx.device, kernel, {
    params,
    saved: bindingOf(t.saved),
    dy: bindingOf(t.dy),
    dx: bindingOf(t.dx),
  });
  const workgroups = groups1d(n, spec.workgroupSize[0]);
  return plannedOp(`${t.kind}/backward`, [{ pipeline: kernel.pipeline, bindGroup, workgroups }]);
}
