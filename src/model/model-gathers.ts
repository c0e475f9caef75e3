// The ops that fill a model's input batch from the dataset on the GPU: the test gather (in order, for
// evaluation) and the training gather, plain or augmenting each sample as the step draws it. They are
// planned against the dataset's buffers and re-planned whenever those are reallocated.
import { BufferArena } from '../gpu/buffers';
import { planAugmentGather, type AugmentGatherOp } from '../engine/ops/augment-gather';
import { planGatherBatch, type GatherBatchOp, type GatherNormalisation } from '../engine/ops/gather-batch';
import type { AugmentPlan } from '../engine/reference/augment-batch';
import type { EngineContext } from '../engine/op';
import type { Tensor } from '../engine/tensor';

/** The dataset buffers a model gathers from (see GpuDataset). */
export interface GatherSources {
  trainImages: GPUBuffer;
  trainLabels: GPUBuffer;
  trainOrder: GPUBuffer;
  testImages: GPUBuffer;
  testLabels: GPUBuffer;
  /** 0, 1, 2, ... padded to whole batches, for evaluation in order. */
  testOrder: GPUBuffer;
}

export class ModelGathers {
  /** The gathers' uniforms: re-made whenever the dataset buffers are, so a re-bind frees the old ones. */
  private arena?: BufferArena;
  private train: GatherBatchOp | null = null;
  /** The training gather that augments each sample, when an augmentation is set. */
  private trainAugment: AugmentGatherOp | null = null;
  private augment: AugmentPlan | null = null;
  private sources: GatherSources | null = null;
  private test: GatherBatchOp | null = null;

  constructor(
    private readonly device: GPUDevice,
    /** Where a batch goes: the model's input [B, ...inputShape] and labels [B]. */
    private readonly into: { x: Tensor; y: Tensor },
    private readonly normalisation: GatherNormalisation,
  ) {}

  /** Plans the gathers against the dataset buffers (again whenever they are reallocated). */
  bind(src: GatherSources): void {
    this.arena?.destroy();
    this.arena = new BufferArena(this.device, 'gather');
    const ctx: EngineContext = { device: this.device, arena: this.arena };
    const norm = this.normalisation;
    const train = { ...this.into, indices: src.trainOrder, images: src.trainImages, labels: src.trainLabels };
    this.train = planGatherBatch(ctx, train, norm);
    this.test = planGatherBatch(
      ctx,
      { ...this.into, indices: src.testOrder, images: src.testImages, labels: src.testLabels },
      norm,
    );
    this.sources = src;
    this.trainAugment = this.augment ? planAugmentGather(ctx, train, norm, this.augment) : null;
  }

  /**
   * Training steps augment each sample of their batch on the way in (null: they do not). New amounts
   * with the same shape, seeds and noise on or off only rewrite the gather's uniforms; anything else
   * re-plans the gathers.
   */
  setAugment(plan: AugmentPlan | null): void {
    const before = this.augment;
    this.augment = plan;
    const sameKind =
      plan &&
      before &&
      this.trainAugment &&
      plan.shape.join() === before.shape.join() &&
      plan.amounts.noise > 0 === before.amounts.noise > 0 &&
      plan.seeds.seed === before.seeds.seed &&
      plan.seeds.noiseSeed === before.seeds.noiseSeed;
    if (sameKind) this.trainAugment!.setAmounts(plan.amounts);
    else if (this.sources && (plan || before)) this.bind(this.sources);
  }

  /** Gathers trainOrder[start .. start + B), augmented as training step `step` draws it when an
   *  augmentation is set (start and step are queue-ordered uniform writes). */
  encodeTrain(pass: GPUComputePassEncoder, start: number, step: number): void {
    if (!this.train) throw new Error('the model has no dataset to train on');
    if (this.trainAugment) {
      this.trainAugment.setStart(start);
      this.trainAugment.setStep(step);
      this.trainAugment.encode(pass);
      return;
    }
    this.train.setStart(start);
    this.train.encode(pass);
  }

  /** Gathers test records [start, start + B), in order. */
  encodeTest(pass: GPUComputePassEncoder, start: number): void {
    if (!this.test) throw new Error('the model has no dataset to evaluate on');
    this.test.setStart(start);
    this.test.encode(pass);
  }

  get bytes(): number {
    return this.arena?.bytes ?? 0;
  }

  destroy(): void {
    this.arena?.destroy();
  }
}
