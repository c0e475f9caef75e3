// The training gather with augmentation on the GPU: each step gathers its batch from the resident uint8
// dataset and augments every sample on the way (shaders/augment_gather.wgsl), with transforms drawn from
// (seed, step, sample) by a counter-based hash, so nothing is stored between steps and no image crosses
// the bus: a first pass draws each sample's transform (augment_draw), the second gathers with it. The CPU
// reference (reference/augment-batch.ts) draws the same transforms.
import { bindKernel, getKernel, groups, packUniforms } from '../../gpu/kernel';
import { augmentDrawSpec } from '../../gpu/kernels/augment_draw';
import { augmentGatherSpec } from '../../gpu/kernels/augment_gather';
import type { EngineContext } from '../op';
import type { AugmentAmounts, AugmentPlan } from '../reference/augment-batch';
import { checkStep } from '../reference/dropout';
import { bindingOf, sizeOf } from '../tensor';
import type { GatherBatchOp, GatherBatchTensors, GatherNormalisation } from './gather-batch';

const MAX_GROUPS = 65535;

export interface AugmentGatherOp extends GatherBatchOp {
  /** The training step the next encoded gather draws its transforms for; queue-ordered, as setStart. */
  setStep(step: number): void;
  /** New amounts (the settings changed mid-run), noise still on or still off; queue-ordered. */
  setAmounts(amounts: AugmentAmounts): void;
}

export function planAugmentGather(
  ctx: EngineContext,
  t: GatherBatchTensors,
  norm: GatherNormalisation,
  plan: AugmentPlan,
): AugmentGatherOp {
  const [batch] = t.x.shape;
  const pixels = sizeOf(t.x.shape) / batch;
  const [channels, h, w] = plan.shape;
  if (channels * h * w !== pixels)
    throw new Error(`augment_gather: a batch of ${pixels} values an image is not ${plan.shape.join('×')}`);
  const noisy = plan.amounts.noise > 0;
  const spec = augmentGatherSpec({ noise: noisy });
  const kernel = getKernel(ctx.device, spec);
  const drawKernel = getKernel(ctx.device, augmentDrawSpec);
  const [wx, wy] = spec.workgroupSize;
  const workgroups = [groups(w, wx), groups(h, wy ?? 1), batch] as const;
  if (batch > MAX_GROUPS)
    throw new Error(`augment_gather: a batch of ${batch} is more than the ${MAX_GROUPS} the grid allows`);
  const uniforms = ctx.arena.uniform('augment_gather/params', kernel.uniformSize);
  const fixed = {
    batch,
    channels,
    h,
    w,
    pixels,
    seed: plan.seeds.seed,
    noise_seed: plan.seeds.noiseSeed,
    mean: norm.mean,
    inv_std: 1 / norm.std,
  };
  let moving = { start: 0, step: 0, ...amountFields(plan.amounts) };
  const write = (patch: Partial<typeof moving>) => {
    moving = { ...moving, ...patch };
    ctx.device.queue.writeBuffer(uniforms, 0, packUniforms(kernel, { ...fixed, ...moving }));
  };
  write({});
  // 8 floats a sample (common/augment.wgsl), written by the draw pass and read by the gather.
  const draws = ctx.arena.storage('augment_gather/draws', batch * 8 * 4);
  const drawGroup = bindKernel(ctx.device, drawKernel, { params: uniforms, draws });
  const bindGroup = bindKernel(ctx.device, kernel, {
    params: uniforms,
    indices: t.indices,
    images: t.images,
    labels: t.labels,
    draws,
    x: bindingOf(t.x),
    y: bindingOf(t.y),
  });
  return {
    label: 'augment_gather',
    setStart: (start) => write({ start }),
    setStep(step) {
      checkStep(step);
      write({ step });
    },
    setAmounts(amounts) {
      if (amounts.noise > 0 !== noisy)
        throw new Error('augment_gather: turning noise on or off needs a new plan (another pipeline)');
      write(amountFields(amounts));
    },
    encode(pass) {
      pass.setPipeline(drawKernel.pipeline);
      pass.setBindGroup(0, drawGroup);
      pass.dispatchWorkgroups(groups(batch, 64));
      pass.setPipeline(kernel.pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(...workgroups);
    },
  };
}

/** The amounts as the kernel's uniforms hold them (the rotation in turns, as cos_2pi takes it). */
function amountFields(a: AugmentAmounts) {
  return {
    shift: a.shift,
    flip: Number(a.flip),
    rotate_turns: a.rotate / 360,
    scale: a.scale,
    brightness: a.brightness,
    contrast: a.contrast,
    noise: a.noise,
  };
}
