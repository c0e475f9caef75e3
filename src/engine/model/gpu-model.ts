// A model on the GPU, built once from a ModelDescription: flat parameter, gradient and optimizer buffers,
// every activation and its gradient from one arena, and every op planned up front. A training step
// (gather -> forward -> loss -> backward -> optimizer) is one command encoder and one submit.
import { BufferArena } from '../../gpu/buffers';
import { createLossAccumulator, planBceWithLogits, planMseLoss, planSoftmaxCrossEntropy } from '../ops/loss';
import { planAdam, planSgd, type PlannedOptimizer } from '../ops/optimizer';
import { planGatherBatch, type GatherBatchOp, type GatherNormalisation } from '../ops/gather-batch';
import type { EngineContext, PlannedOp } from '../op';
import type { AdamHyper, SgdHyper } from '../reference/optimizer';
import { reshape, sizeOf, tensor, type Tensor } from '../tensor';
import { isView, layerSeed, type ModelDescription } from './describe';
import {
  fusesFollowingRelu,
  planGpuLayer,
  poolFusesReluBackward,
  type GpuLayer,
  type LayerFusion,
} from './gpu-layers';

export type OptimizerSettings =
  ({ kind: 'sgd' } & SgdHyper) | ({ kind: 'adam' } & AdamHyper) | ({ kind: 'adamw' } & AdamHyper);

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

/**
 * What step() minimises: cross-entropy on the labels (classification), MSE or BCE against the input
 * itself (reconstruction), or nothing: the caller plans its own losses with planLoss (a GAN).
 */
export type ModelLoss = 'cross_entropy' | 'mse' | 'bce' | 'none';

export interface GpuModelOptions {
  batch: number;
  /** Default 'cross_entropy'. */
  loss?: ModelLoss;
  /** Seed of the dropout masks (each layer derives its own). */
  seed: number;
  normalisation: GatherNormalisation;
  optimizer: OptimizerSettings;
  /** Also compute the gradient with respect to the input in training steps (a GAN's generator step reads it). */
  inputGrad?: boolean;
}

export class GpuModel {
  readonly arena: BufferArena;
  readonly params: Tensor;
  readonly grads: Tensor;
  /** Non-trainable state (BatchNorm running statistics). */
  readonly buffers: Tensor;
  /** [loss sum, correct, samples, non-finite batches], added to by every step. */
  readonly accumulator: Tensor;
  /** Input batch [B, ...inputShape] and labels [B]. */
  readonly input: Tensor;
  readonly labels: Tensor;
  /** Output of each layer, [B, ...outShape]. */
  readonly outputs: Tensor[];
  readonly logits: Tensor;
  /** d(objective)/d(output) [B, ...outputShape]: written by the loss, or by the caller before a backward. */
  readonly outputGrad: Tensor;
  /** d(objective)/d(input) [B, ...inputShape]: written by encodeInputGradient, and by step() with the inputGrad option. */
  readonly inputGrad: Tensor;
  private readonly ctx: EngineContext;
  private readonly layers: GpuLayer[];
  /** The layers the input-gradient pass runs: the first non-view layer re-planned with dx when training omits it. */
  private readonly gradientLayers: GpuLayer[];
  private readonly loss: PlannedOp | null;
  /** Layers whose backward runs: all, or all but a final Sigmoid that BCE fuses into its logits. */
  private readonly backwardLayers: number;
  private optimizers = new Map<OptimizerSettings['kind'], PlannedOptimizer<SgdHyper | AdamHyper>>();
  private optimizer!: PlannedOptimizer<SgdHyper | AdamHyper>;
  private trainGather: GatherBatchOp | null = null;
  private testGather: GatherBatchOp | null = null;

  constructor(
    readonly device: GPUDevice,
    readonly desc: ModelDescription,
    readonly options: GpuModelOptions,
  ) {
    const B = options.batch;
    this.arena = new BufferArena(device, 'model');
    const ctx: EngineContext = { device, arena: this.arena };
    this.ctx = ctx;
    const flat = (name: string, floats: number) => tensor(this.arena.storage(name, floats * 4), [floats]);
    this.params = flat('params', desc.paramFloats);
    this.grads = flat('grads', desc.paramFloats);
    this.buffers = flat('buffers', desc.bufferFloats);
    this.accumulator = createLossAccumulator(ctx);
    this.input = tensor(this.arena.storage('input', B * desc.inputShape.reduce((a, b) => a * b, 4)), [
      B,
      ...desc.inputShape,
    ]);
    this.labels = tensor(this.arena.storage('labels', B * 4), [B]);

    // Activations and their gradients: a view layer (Flatten) reuses its input's buffer under a new shape.
    this.outputs = [];
    const grads: Tensor[] = [];
    let x = this.input;
    let dx: Tensor | null = null;
    desc.layers.forEach((plan, i) => {
      const shape = [B, ...plan.outShape];
      const bytes = shape.reduce((a, b) => a * b, 4);
      const y = isView(plan) ? reshape(x, shape) : tensor(this.arena.storage(`layer${i}/y`, bytes), shape);
      const dy =
        isView(plan) && dx ? reshape(dx, shape) : tensor(this.arena.storage(`layer${i}/dy`, bytes), shape);
      this.outputs.push(y);
      grads.push(dy);
      x = y;
      dx = dy;
    });
    this.logits = this.outputs[this.outputs.length - 1];
    this.outputGrad = grads[grads.length - 1];
    // The first non-view layer's dx is the input gradient (views before it share its buffer).
    const first = desc.layers.findIndex((p) => !isView(p));
    const inputShape = [B, ...desc.inputShape];
    this.inputGrad =
      first > 0
        ? reshape(grads[first - 1], inputShape)
        : tensor(this.arena.storage('input/dx', sizeOf(inputShape) * 4), inputShape);
    // A ReLU right after a Conv2d or Linear runs in that layer's training epilogue, and its backward in
    // the training backward of a MaxPool2d after it (see LayerFusion).
    const poolFuses = (i: number) => i > first && poolFusesReluBackward(desc.layers, i, B);
    const fusion = (i: number): LayerFusion => ({
      ...(fusesFollowingRelu(desc.layers, i)
        ? { reluInto: this.outputs[i + 1] }
        : { fusedReluForward: i > 0 && fusesFollowingRelu(desc.layers, i - 1) }),
      fusedReluBackward: poolFuses(i),
      reluGradInto: i > 0 && poolFuses(i - 1) ? grads[i - 2] : undefined,
    });
    const plan = (i: number, withInputGrad: boolean) =>
      planGpuLayer(
        ctx,
        desc.layers[i],
        {
          x: i === 0 ? this.input : this.outputs[i - 1],
          y: this.outputs[i],
          dx:
            i > Math.max(first, 0)
              ? grads[i - 1]
              : withInputGrad
                ? reshape(this.inputGrad, [B, ...desc.layers[i].inShape])
                : null,
          dy: grads[i],
        },
        { params: this.params.buffer, grads: this.grads.buffer, buffers: this.buffers.buffer },
        layerSeed(options.seed, i),
        fusion(i),
      );
    // Nothing upstream of the first layer needs its input gradient, so training skips it unless asked.
    const withInputGrad = Boolean(options.inputGrad);
    this.layers = desc.layers.map((_, i) => plan(i, withInputGrad));
    this.gradientLayers = this.layers.map((layer, i) =>
      i === first && !withInputGrad ? plan(i, true) : layer,
    );
    const loss = options.loss ?? 'cross_entropy';
    const n = desc.layers.length;
    // BCE after a final Sigmoid is BCE-with-logits on the Sigmoid's input: the same loss, numerically stable.
    const fuse = loss === 'bce' && n > 1 && desc.layers[n - 1].layer.kind === 'Sigmoid';
    this.backwardLayers = fuse ? n - 1 : n;
    if (loss === 'cross_entropy') {
      const flat = [B, sizeOf(desc.outputShape)];
      this.loss = planSoftmaxCrossEntropy(ctx, {
        logits: reshape(this.logits, flat),
        labels: this.labels,
        dlogits: reshape(this.outputGrad, flat),
        accumulator: this.accumulator,
      });
    } else if (loss === 'none') this.loss = null;
    else {
      const at = fuse ? n - 2 : n - 1;
      if (sizeOf(this.outputs[at].shape) !== sizeOf(this.input.shape)) {
        throw new Error(
          `a reconstruction must output the input's shape [${desc.inputShape}], got [${desc.outputShape}]`,
        );
      }
      const args = {
        input: this.outputs[at],
        target: this.input,
        grad: grads[at],
        accumulator: this.accumulator,
      };
      this.loss = loss === 'mse' ? planMseLoss(ctx, args) : planBceWithLogits(ctx, args);
    }
    this.setOptimizer(options.optimizer);
  }

  /** Switches optimizer settings in place; a new kind starts from fresh optimizer state. */
  setOptimizer(settings: OptimizerSettings): void {
    const existing = this.optimizers.get(settings.kind);
    if (existing) {
      existing.setHyper(settings);
      this.optimizer = existing;
      return;
    }
    const args = { params: this.params, grads: this.grads, label: settings.kind };
    const planned =
      settings.kind === 'sgd'
        ? planSgd(this.ctx, { ...args, hyper: settings })
        : planAdam(this.ctx, { ...args, hyper: { ...settings, decoupled: settings.kind === 'adamw' } });
    this.optimizers.set(settings.kind, planned as PlannedOptimizer<SgdHyper | AdamHyper>);
    this.optimizer = planned as PlannedOptimizer<SgdHyper | AdamHyper>;
  }

  /** Plans the two gathers against the dataset buffers (again whenever they are reallocated). */
  bindDataset(src: GatherSources): void {
    const common = { x: this.input, y: this.labels };
    const norm = this.options.normalisation;
    this.trainGather = planGatherBatch(
      this.ctx,
      { ...common, indices: src.trainOrder, images: src.trainImages, labels: src.trainLabels },
      norm,
    );
    this.testGather = planGatherBatch(
      this.ctx,
      { ...common, indices: src.testOrder, images: src.testImages, labels: src.testLabels },
      norm,
    );
  }

  /** Training step number `step` (it picks the dropout masks) on trainOrder[start .. start + B): one submit. */
  step(start: number, step: number): void {
    if (!this.loss) throw new Error('this model has no loss of its own: plan one with planLoss');
    const encoder = this.device.createCommandEncoder({ label: 'train-step' });
    const pass = encoder.beginComputePass({ label: 'train-step' });
    this.encodeTrainGather(pass, start);
    this.encodeTrainForward(pass, step);
    this.loss.encode(pass);
    this.encodeBackward(pass);
    this.encodeUpdate(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** Gathers trainOrder[start .. start + B) into `input` (the start is a queue-ordered uniform write). */
  encodeTrainGather(pass: GPUComputePassEncoder, start: number): void {
    if (!this.trainGather) throw new Error('the model has no dataset to train on');
    this.trainGather.setStart(start);
    this.trainGather.encode(pass);
  }

  /** Training-mode forward pass number `step` (it picks the dropout masks) from `input`. */
  encodeTrainForward(pass: GPUComputePassEncoder, step: number): void {
    for (const layer of this.layers) layer.mask?.setStep(step);
    for (const layer of this.layers) for (const op of layer.forwardTrain) op.encode(pass);
  }

  /** Training backward from `outputGrad` (written by a loss or by the caller) to the parameter gradients. */
  encodeBackward(pass: GPUComputePassEncoder): void {
    for (let i = this.backwardLayers - 1; i >= 0; i--)
      for (const op of this.layers[i].backward) op.encode(pass);
  }

  /** One optimizer update from the parameter gradients. */
  encodeUpdate(pass: GPUComputePassEncoder): void {
    this.optimizer.encode(pass);
  }

  /**
   * An elementwise loss of the output against `target` (same size), writing `outputGrad` and adding to
   * `accumulator`: a GAN plans one per label (real, fake) on a model built with loss 'none'.
   */
  planLoss(kind: 'mse' | 'bce', target: Tensor, accumulator: Tensor, label: string = kind): PlannedOp {
    const args = { input: this.logits, target, grad: this.outputGrad, accumulator };
    return kind === 'mse' ? planMseLoss(this.ctx, args, label) : planBceWithLogits(this.ctx, args, label);
  }

  /** Encodes the eval-mode forward pass from `input` (already filled) into an open pass. */
  encodeForward(pass: GPUComputePassEncoder): void {
    for (const layer of this.layers) for (const op of layer.forwardEval) op.encode(pass);
  }

  /**
   * Encodes an eval-mode forward and its backward from outputGrad (filled by the caller) down to inputGrad:
   * e.g. a one-hot outputGrad row gives that class score's gradient with respect to that input row (saliency).
   * Parameter gradients are overwritten on the way (every training step recomputes them before use).
   */
  encodeInputGradient(pass: GPUComputePassEncoder): void {
    for (const layer of this.gradientLayers) for (const op of layer.forwardEval) op.encode(pass);
    for (let i = this.gradientLayers.length - 1; i >= 0; i--)
      for (const op of this.gradientLayers[i].backwardEval) op.encode(pass);
  }

  /** The planned ops of layer `i` (for per-layer timing): eval forward and training backward. */
  layerOps(i: number): { forward: readonly PlannedOp[]; backward: readonly PlannedOp[] } {
    const layer = this.layers[i];
    return { forward: layer.forwardEval, backward: layer.backward };
  }

  /** Evaluates test records [start, start + B) into logits; the caller copies them out in `after`. */
  evaluateBatch(start: number, after: (encoder: GPUCommandEncoder) => void): void {
    if (!this.testGather) throw new Error('the model has no dataset to evaluate on');
    this.testGather.setStart(start);
    const encoder = this.device.createCommandEncoder({ label: 'evaluate' });
    const pass = encoder.beginComputePass({ label: 'evaluate' });
    this.testGather.encode(pass);
    this.encodeForward(pass);
    pass.end();
    after(encoder);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Zeroes optimizer state and step count (after restoring weights, or on reset). */
  resetOptimizer(encoder: GPUCommandEncoder): void {
    for (const o of this.optimizers.values()) o.reset(encoder);
  }

  destroy(): void {
    this.arena.destroy();
  }
}
