// A VAE's sampling step and KL term on the GPU (the maths: src/engine/reference/reparameterize.ts, which
// draws the same noise). The forward and backward kernels share one uniform buffer, whose step is set once
// per training step before the submit, as Dropout's mask is.
import { bindKernel, getKernel, groups1d } from '../../gpu/kernel';
import { reparameterizeBackwardSpec } from '../../gpu/kernels/reparameterize_backward';
import { reparameterizeForwardSpec } from '../../gpu/kernels/reparameterize_forward';
import type { EngineContext, PlannedOp } from '../op';
import type { ReparameterizeParams } from '../reference/reparameterize';
import { bindingOf, sizeOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor } from './dispatch';

export interface ReparameterizeOps {
  forward: PlannedOp;
  backward: PlannedOp | null;
  /** Writes the step (which noise) into the shared uniforms; queue-ordered, so it applies to the next submit. */
  setStep(step: number): void;
}

/** x [B, 2d] → y [B, d], and dx from dy (dx null: no backward). Training or eval is fixed per plan. */
export function planReparameterize(
  ctx: EngineContext,
  a: { x: Tensor; y: Tensor; dy: Tensor; dx: Tensor | null; params: ReparameterizeParams },
): ReparameterizeOps {
  const { latent, seed, training, klScale } = a.params;
  const n = sizeOf(a.y.shape);
  if (!Number.isInteger(latent) || latent < 1 || n % latent !== 0) {
    throw new Error(`reparameterize: ${n} outputs do not make rows of latent size ${latent}`);
  }
  if (sizeOf(a.x.shape) !== 2 * n) {
    throw new Error(
      `reparameterize: x [${a.x.shape}] must hold 2·${latent} values per row of y [${a.y.shape}]`,
    );
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`reparameterize: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (!(klScale >= 0)) throw new Error(`reparameterize: the KL scale must be ≥ 0, got ${klScale}`);
  expectShape('reparameterize dy', a.dy, a.y.shape);
  if (a.dx) expectShape('reparameterize dx', a.dx, a.x.shape);
  const forwardKernel = getKernel(ctx.device, reparameterizeForwardSpec);
  const uniforms = uniformsFor(ctx, forwardKernel, 'reparameterize/params', {
    n,
    latent,
    seed,
    step: 0,
    training: training ? 1 : 0,
    kl_scale: klScale,
  });
  const stepField = forwardKernel.uniformFields.find((f) => f.name === 'step');
  if (!stepField) throw new Error('reparameterize_forward.wgsl: Params has no step field');
  const workgroups = groups1d(n, 64);
  const forward = plannedOp('reparameterize_forward', [
    {
      pipeline: forwardKernel.pipeline,
      bindGroup: bindKernel(ctx.device, forwardKernel, {
        params: uniforms,
        x: bindingOf(a.x),
        y: bindingOf(a.y),
      }),
      workgroups,
    },
  ]);
  let backward: PlannedOp | null = null;
  if (a.dx) {
    const kernel = getKernel(ctx.device, reparameterizeBackwardSpec);
    const bindGroup = bindKernel(ctx.device, kernel, {
      params: uniforms,
      x: bindingOf(a.x),
      dy: bindingOf(a.dy),
      dx: bindingOf(a.dx),
    });
    backward = plannedOp('reparameterize_backward', [{ pipeline: kernel.pipeline, bindGroup, workgroups }]);
  }
  const word = new Uint32Array(1);
  return {
    forward,
    backward,
    setStep(step: number) {
      if (!Number.isInteger(step) || step < 0 || step > 0xffffffff) {
        throw new Error(`reparameterize: step must be an integer in [0, 2^32), got ${step}`);
      }
      word[0] = step;
      ctx.device.queue.writeBuffer(uniforms, stepField.offset, word);
    },
  };
}
