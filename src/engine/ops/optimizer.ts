// Optimizers on the GPU, each ONE update dispatch over the model's flat parameter buffer (params, grads and
// state all flat, same length; 4 parameters a thread as vec4s, the padded tail masked), preceded by a
// one-thread dispatch that advances the step count t kept in a GPU buffer: no CPU write per step.
// Hyperparameters live in a uniform rewritten only when setHyper changes them, so lr schedules and beta
// changes need no rebuild.
import {
  bindKernel,
  getKernel,
  groups1d,
  packUniforms,
  type BindingResource,
  type Kernel,
} from '../../gpu/kernel';
import { adamSpec } from '../../gpu/kernels/adam';
import { optimizerStepSpec } from '../../gpu/kernels/optimizer_step';
import { sgdSpec } from '../../gpu/kernels/sgd';
import type { EngineContext, PlannedOp } from '../op';
import type { AdamHyper, SgdHyper } from '../reference/optimizer';
import { sizeOf, tensor, vec4BindingOf, type Tensor } from '../tensor';
import { expectSize, plannedOp } from './dispatch';

export interface PlannedOptimizer<H> extends PlannedOp {
  /** Rewrites the hyperparameter uniform (queue-ordered) when any value differs from the current one. */
  setHyper(hyper: H): void;
  /** The optimizer's GPU state: the u32 step count and the per-parameter buffers, in binding order. */
  readonly state: { step: GPUBuffer; buffers: readonly Tensor[] };
  /** Zeroes the step count and the state buffers (a command-encoder operation: record it outside a pass). */
  reset(encoder: GPUCommandEncoder): void;
}

export interface OptimizerArgs<H> {
  /** The flat parameter buffer, updated in place. */
  params: Tensor;
  /** The flat gradient buffer, same length. */
  grads: Tensor;
  hyper: H;
  label?: string;
}

/** Threads of the update kernels: one per vec4 of parameters. */
const vec4s = (n: number) => Math.ceil(n / 4);

function uniformWriter(ctx: EngineContext, kernel: Kernel, label: string) {
  const buffer = ctx.arena.uniform(`${label}/params`, kernel.uniformSize);
  let current = new Uint8Array(0);
  const write = (values: Record<string, number>) => {
    const packed = new Uint8Array(packUniforms(kernel, values));
    if (packed.length === current.length && packed.every((v, i) => v === current[i])) return;
    current = packed;
    ctx.device.queue.writeBuffer(buffer, 0, packed);
  };
  return { buffer, write };
}

function planOptimizer<H>(
  ctx: EngineContext,
  args: OptimizerArgs<H>,
  kernel: Kernel,
  stateNames: readonly string[],
  uniforms: (h: H, n: number) => Record<string, number>,
  label: string,
): PlannedOptimizer<H> {
  const n = sizeOf(args.params.shape);
  expectSize(`${label} gradients`, args.grads, n);
  const step = ctx.arena.storage(`${label}/step`, 4);
  const buffers = stateNames.map((name) => tensor(ctx.arena.storage(`${label}/${name}`, n * 4), [n]));
  const { buffer, write } = uniformWriter(ctx, kernel, label);
  const setHyper = (h: H) => write(uniforms(h, n));
  setHyper(args.hyper);
  const stepKernel = getKernel(ctx.device, optimizerStepSpec);
  const stepGroup = bindKernel(ctx.device, stepKernel, { step }, `${label}/step`);
  const resources: Record<string, BindingResource> = {
    params: buffer,
    step,
    grad: vec4BindingOf(args.grads, `${label}: the gradient tensor`),
    param: vec4BindingOf(args.params, `${label}: the parameter tensor`),
  };
  stateNames.forEach((name, i) => (resources[name] = vec4BindingOf(buffers[i], `${label}: ${name}`)));
  const bindGroup = bindKernel(ctx.device, kernel, resources, label);
  const op = plannedOp(label, [
    { pipeline: stepKernel.pipeline, bindGroup: stepGroup, workgroups: [1] },
    { pipeline: kernel.pipeline, bindGroup, workgroups: groups1d(vec4s(n), kernel.spec.workgroupSize[0]) },
  ]);
  return {
    ...op,
    setHyper,
    state: { step, buffers },
    reset(encoder) {
      encoder.clearBuffer(step);
      for (const b of buffers) encoder.clearBuffer(b.buffer, b.offset, n * 4);
    },
  };
}

function checkHyper(label: string, values: Record<string, number>): Record<string, number> {
  for (const [k, v] of Object.entries(values)) {
    if (!Number.isFinite(v) || v < 0)
      throw new Error(`${label}: ${k} must be a finite number >= 0, got ${v}`);
  }
  return values;
}

/** torch.optim.SGD (momentum, dampening, Nesterov, L2 weight decay). */
export function planSgd(ctx: EngineContext, args: OptimizerArgs<SgdHyper>): PlannedOptimizer<SgdHyper> {
  const label = args.label ?? 'sgd';
  const kernel = getKernel(ctx.device, sgdSpec);
  return planOptimizer(
    ctx,
    args,
    kernel,
    ['momentum_buf'],
    (h, n) => {
      if (h.nesterov && (!h.momentum || h.dampening)) {
        throw new Error(`${label}: Nesterov momentum requires momentum > 0 and zero dampening`);
      }
      return {
        n4: vec4s(n),
        n,
        ...checkHyper(label, {
          lr: h.lr,
          momentum: h.momentum ?? 0,
          dampening: h.dampening ?? 0,
          weight_decay: h.weightDecay ?? 0,
        }),
        nesterov: Number(Boolean(h.nesterov)),
      };
    },
    label,
  );
}

/** torch.optim.Adam, or AdamW when hyper.decoupled (fixed at plan time: it picks the kernel). */
export function planAdam(ctx: EngineContext, args: OptimizerArgs<AdamHyper>): PlannedOptimizer<AdamHyper> {
  const decoupled = Boolean(args.hyper.decoupled);
  const label = args.label ?? (decoupled ? 'adamw' : 'adam');
  const kernel = getKernel(ctx.device, { ...adamSpec, constants: { DECOUPLED: Number(decoupled) } });
  return planOptimizer(
    ctx,
    args,
    kernel,
    ['exp_avg', 'exp_avg_sq'],
    (h, n) => {
      if (Boolean(h.decoupled) !== decoupled)
        throw new Error(`${label}: cannot switch Adam/AdamW after planning`);
      const beta1 = h.beta1 ?? 0.9;
      const beta2 = h.beta2 ?? 0.999;
      if (beta1 >= 1 || beta2 >= 1)
        throw new Error(`${label}: betas must be in [0, 1), got ${beta1}, ${beta2}`);
      const defaultDecay = decoupled ? 0.01 : 0;
      return {
        n4: vec4s(n),
        n,
        ...checkHyper(label, {
          lr: h.lr,
          beta1,
          beta2,
          eps: h.eps ?? 1e-8,
          weight_decay: h.weightDecay ?? defaultDecay,
        }),
      };
    },
    label,
  );
}
