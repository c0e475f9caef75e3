// Elementwise activations on the GPU, forward and backward side by side (shaders/activation_*.wgsl,
// specialised by the override ACT). Sizes that are a multiple of 4 take the vec4 kernels (one vec4 a
// thread: on SwiftShader the per-thread cost dominates), others one element a thread. Any size:
// dispatches fold into 2-D past 65535 workgroups.
import { bindKernel, getKernel, groups1d, type BindingResource, type KernelSpec } from '../../gpu/kernel';
import { activationBackwardSpec } from '../../gpu/kernels/activation_backward';
import { activationBackwardVec4Spec } from '../../gpu/kernels/activation_backward_vec4';
import { activationForwardSpec } from '../../gpu/kernels/activation_forward';
import { activationForwardVec4Spec } from '../../gpu/kernels/activation_forward_vec4';
import type { EngineContext, PlannedOp } from '../op';
import { DEFAULT_ELU_ALPHA, DEFAULT_LEAKY_SLOPE, type ActivationKind } from '../reference/activation';
import { bindingOf, sizeOf, type Tensor } from '../tensor';
import { expectSize, plannedOp, uniformsFor } from './dispatch';

const ACT_CODE: Record<ActivationKind, number> = {
  relu: 0,
  leaky_relu: 1,
  sigmoid: 2,
  tanh: 3,
  gelu: 4,
  gelu_tanh: 5,
  silu: 6,
  elu: 7,
};

/** Whether an activation over `n` elements takes the vec4 kernels. */
export function activationUsesVec4(n: number): boolean {
  return n % 4 === 0;
}

/** The activation's own parameters: LeakyReLU's negative slope, ELU's alpha (PyTorch's defaults). */
export interface ActivationParams {
  /** LeakyReLU's negative slope (PyTorch default 0.01). */
  slope?: number;
  /** ELU's alpha (PyTorch default 1). */
  alpha?: number;
}

/** One pass of the scalar or the vec4 kernel of `specs` over n elements. */
function planElementwise(
  ctx: EngineContext,
  label: string,
  specs: readonly [scalar: KernelSpec, vec4: KernelSpec],
  kind: ActivationKind,
  n: number,
  p: ActivationParams,
  bind: Readonly<Record<string, BindingResource>>,
): PlannedOp {
  const vec4 = activationUsesVec4(n);
  const spec = { ...specs[vec4 ? 1 : 0], constants: { ACT: ACT_CODE[kind] } };
  const kernel = getKernel(ctx.device, spec);
  const threads = vec4 ? n / 4 : n;
  const params = uniformsFor(ctx, kernel, `${label}/params`, {
    n: threads,
    slope: p.slope ?? DEFAULT_LEAKY_SLOPE,
    alpha: p.alpha ?? DEFAULT_ELU_ALPHA,
  });
  const bindGroup = bindKernel(ctx.device, kernel, { params, ...bind });
  const workgroups = groups1d(threads, spec.workgroupSize[0]);
  return plannedOp(label, [{ pipeline: kernel.pipeline, bindGroup, workgroups }]);
}

export interface ActivationForwardArgs extends ActivationParams {
  kind: ActivationKind;
  x: Tensor;
  /** Same number of elements as x; a different buffer range (a kernel may not read and write one binding). */
  y: Tensor;
}

export function planActivationForward(ctx: EngineContext, t: ActivationForwardArgs): PlannedOp {
  const n = sizeOf(t.x.shape);
  expectSize(`${t.kind} output`, t.y, n);
  const bind = { x: bindingOf(t.x), y: bindingOf(t.y) };
  const specs = [activationForwardSpec, activationForwardVec4Spec] as const;
  return planElementwise(ctx, `${t.kind}/forward`, specs, t.kind, n, t, bind);
}

export interface ActivationBackwardArgs extends ActivationParams {
  kind: ActivationKind;
  /**
   * The forward input for relu, leaky_relu, gelu, gelu_tanh, silu and elu, the forward output for sigmoid
   * and tanh (see savesInput). For relu/leaky_relu with slope >= 0 the output works as well: y > 0 exactly
   * when x > 0.
   */
  saved: Tensor;
  dy: Tensor;
  /** Overwritten with dy * f'(.). */
  dx: Tensor;
}

export function planActivationBackward(ctx: EngineContext, t: ActivationBackwardArgs): PlannedOp {
  const n = sizeOf(t.dy.shape);
  expectSize(`${t.kind} saved tensor`, t.saved, n);
  expectSize(`${t.kind} input gradient`, t.dx, n);
  const bind = { saved: bindingOf(t.saved), dy: bindingOf(t.dy), dx: bindingOf(t.dx) };
  const specs = [activationBackwardSpec, activationBackwardVec4Spec] as const;
  return planElementwise(ctx, `${t.kind}/backward`, specs, t.kind, n, t, bind);
}
