// A model on the GPU, built once from a ModelDescription: flat parameter, gradient and optimizer buffers,
// every activation and its gradient from one arena, and every op planned up front. A training step
// (gather -> forward -> loss -> backward -> optimizer) is one command encoder and one submit. Layers run
// in list order (a graph: each reads the layers its plan names) and their backwards in reverse.
import { BufferArena } from '../gpu/buffers';
import { planAxpy } from '../engine/ops/axpy';
import {
  createLossAccumulator,
  planBceWithLogits,
  planMseLoss,
  planSoftmaxCrossEntropy,
} from '../engine/ops/loss';
import { planAdam, planSgd, type PlannedOptimizer } from '../engine/ops/optimizer';
import type { GatherNormalisation } from '../engine/ops/gather-batch';
import type { AugmentPlan } from '../engine/reference/augment-batch';
import type { EngineContext, PlannedOp, VariantChooser } from '../engine/op';
import type { AdamHyper, SgdHyper } from '../engine/reference/optimizer';
import { reshape, sizeOf, tensor, type Tensor } from '../engine/tensor';
import { definitionOf } from '../layers';
import { FROM_INPUT } from '../layers/core/graph';
import { plansOf, type GpuLayer, type LayerFusion } from '../layers/plans';
import { isView, layerSeed, type ModelDescription } from './describe';
import { ModelGathers, type GatherSources } from './model-gathers';
import { planGradients } from './wiring';

export type OptimizerSettings =
  ({ kind: 'sgd' } & SgdHyper) | ({ kind: 'adam' } & AdamHyper) | ({ kind: 'adamw' } & AdamHyper);

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
  /** Cross-entropy's label_smoothing (default 0). */
  labelSmoothing?: number;
  /** Kernel variants per tunable site (tuned choices, or a recorder); the planners' rules without it. */
  variants?: VariantChooser;
}

const traitsOf = (desc: ModelDescription, i: number) => definitionOf(desc.layers[i].layer.kind).traits ?? {};

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
  /** The layers the input-gradient pass runs: those reading the input re-planned with dx when training omits it. */
  private readonly gradientLayers: GpuLayer[];
  /** Per source (index + 1, 0 = input): ops adding further edges' gradients into its own, in training and for the input gradient. */
  private readonly accumulateTrain: PlannedOp[][];
  private readonly accumulateAll: PlannedOp[][];
  private readonly loss: PlannedOp | null;
  /** Layers whose backward runs: all, or all but a final Sigmoid that BCE fuses into its logits. */
  private readonly backwardLayers: number;
  private optimizers = new Map<OptimizerSettings['kind'], PlannedOptimizer<SgdHyper | AdamHyper>>();
  private optimizer!: PlannedOptimizer<SgdHyper | AdamHyper>;
  private readonly gathers: ModelGathers;

  constructor(
    readonly device: GPUDevice,
    readonly desc: ModelDescription,
    readonly options: GpuModelOptions,
  ) {
    const B = options.batch;
    this.arena = new BufferArena(device, 'model');
    const ctx: EngineContext = { device, arena: this.arena, variants: options.variants };
    this.ctx = ctx;
    const flat = (name: string, floats: number) => tensor(this.arena.storage(name, floats * 4), [floats]);
    this.params = flat('params', desc.paramFloats);
    this.grads = flat('grads', desc.paramFloats);
    this.buffers = flat('buffers', desc.bufferFloats);
    this.accumulator = createLossAccumulator(ctx);
    this.input = tensor(this.arena.storage('input', B * sizeOf(desc.inputShape) * 4), [
      B,
      ...desc.inputShape,
    ]);
    this.labels = tensor(this.arena.storage('labels', B * 4), [B]);
    this.gathers = new ModelGathers(device, { x: this.input, y: this.labels }, options.normalisation);
    const n = desc.layers.length;

    // Activations: a view layer (Flatten) reuses its input's buffer under a new shape.
    this.outputs = [];
    const source = (s: number) => (s === FROM_INPUT ? this.input : this.outputs[s]);
    desc.layers.forEach((plan, i) => {
      const shape = [B, ...plan.outShape];
      this.outputs.push(
        isView(plan)
          ? reshape(source(plan.inputs[0]), shape)
          : tensor(this.arena.storage(`layer${i}/y`, sizeOf(shape) * 4), shape),
      );
    });
    const g = planGradients(
      desc,
      B,
      (name, shape) => tensor(this.arena.storage(name, sizeOf(shape) * 4), shape),
      (t, shape) => reshape(t, shape),
    );
    this.logits = this.outputs[n - 1];
    this.outputGrad = g.dy[n - 1];
    this.inputGrad = g.inputGrad;
    const withInputGrad = Boolean(options.inputGrad);
    const trainEdges = g.edges.map((edges, j) =>
      edges.map((t, k) => (g.fromInput[j][k] && !withInputGrad ? null : t)),
    );

    // A ReLU whose single reader is a layer with a ReLU epilogue runs inside it in training; a ReLU read
    // only by a layer that absorbs its backward (a tiling MaxPool2d) leaves its backward to that layer.
    const readers = desc.layers.map(() => [] as { node: number; slot: number }[]);
    desc.layers.forEach((p, j) =>
      p.inputs.forEach((s, slot) => s >= 0 && readers[s].push({ node: j, slot })),
    );
    const only = (i: number) => (readers[i].length === 1 ? readers[i][0] : null);
    const reluAfter = (i: number) => {
      const r = only(i);
      return traitsOf(desc, i).reluEpilogue && r && traitsOf(desc, r.node).relu ? r.node : null;
    };
    const absorbed = (i: number) => {
      const r = only(i);
      if (!traitsOf(desc, i).relu || !r || r.slot !== 0 || !trainEdges[i][0]) return null;
      const absorbs = plansOf(desc.layers[r.node].layer.kind).absorbsReluBackward;
      return absorbs?.(desc.layers[r.node], B) ? r.node : null;
    };
    // A layer with a fused ReLU read only by a 2x2 max-pool that absorbs the ReLU's backward also runs
    // that pool in training (its epilogue, where the device runs it: conv -> ReLU -> pool in one pass).
    const poolAfter = (i: number, relu: number) => {
      const pool = absorbed(relu);
      if (pool === null) return null;
      const epilogue = plansOf(desc.layers[i].layer.kind).poolEpilogue?.(ctx, desc.layers[i], B);
      const fits = plansOf(desc.layers[pool].layer.kind).epiloguePool?.(desc.layers[pool], B);
      return epilogue && fits ? pool : null;
    };
    const fusion: LayerFusion[] = desc.layers.map(() => ({}));
    desc.layers.forEach((_, i) => {
      const relu = reluAfter(i);
      if (relu !== null) {
        fusion[i].reluInto = this.outputs[relu];
        fusion[relu].fusedReluForward = true;
        const pool = poolAfter(i, relu);
        if (pool !== null) {
          const y = this.outputs[pool];
          const indices = tensor(this.arena.storage(`layer${pool}/indices`, sizeOf(y.shape) * 4), y.shape);
          fusion[i].poolInto = { y, indices };
          fusion[pool].fusedPoolForward = { indices };
        }
      }
      const pool = absorbed(i);
      if (pool !== null) {
        fusion[i].fusedReluBackward = true;
        fusion[pool].reluGradInto = trainEdges[i][0]!;
      }
    });
    const plan = (i: number, dxs: (Tensor | null)[], fused: LayerFusion) =>
      plansOf(desc.layers[i].layer.kind).gpu(
        ctx,
        desc.layers[i],
        {
          xs: desc.layers[i].inputs.map(source),
          x: source(desc.layers[i].inputs[0]),
          y: this.outputs[i],
          dxs,
          dx: dxs[0],
          dy: g.dy[i],
        },
        { params: this.params.buffer, grads: this.grads.buffer, buffers: this.buffers.buffer },
        layerSeed(options.seed, i),
        fused,
      );
    this.layers = desc.layers.map((_, i) => plan(i, trainEdges[i], fusion[i]));
    // Saliency needs every edge's gradient, and no fusion (it runs eval-mode passes).
    this.gradientLayers = this.layers.map((layer, i) =>
      g.fromInput[i].some(Boolean) && !withInputGrad ? plan(i, g.edges[i], {}) : layer,
    );
    this.accumulateAll = g.accumulate.map((edges, s) =>
      edges.map((x, k) =>
        planAxpy(ctx, { x, y: s === 0 ? g.inputGrad : g.dy[s - 1], alpha: 1 }, `sum-grad/${s - 1}/${k}`),
      ),
    );
    this.accumulateTrain = this.accumulateAll.map((ops, s) => {
      const inputLike = s === 0 || (isView(desc.layers[s - 1]) && g.fromInput[s - 1].every(Boolean));
      return inputLike && !withInputGrad ? [] : ops;
    });

    const loss = options.loss ?? 'cross_entropy';
    // BCE after a final Sigmoid is BCE-with-logits on the Sigmoid's input: the same loss, numerically stable.
    const lastInput = desc.layers[n - 1].inputs[0];
    const fuse = loss === 'bce' && n > 1 && Boolean(traitsOf(desc, n - 1).sigmoid) && lastInput >= 0;
    this.backwardLayers = fuse ? n - 1 : n;
    if (loss === 'cross_entropy') {
      const flatShape = [B, sizeOf(desc.outputShape)];
      this.loss = planSoftmaxCrossEntropy(ctx, {
        logits: reshape(this.logits, flatShape),
        labels: this.labels,
        dlogits: reshape(this.outputGrad, flatShape),
        accumulator: this.accumulator,
        labelSmoothing: options.labelSmoothing,
      });
    } else if (loss === 'none') this.loss = null;
    else {
      const lossInput = fuse ? this.outputs[lastInput] : this.logits;
      if (sizeOf(lossInput.shape) !== sizeOf(this.input.shape)) {
        throw new Error(
          `a reconstruction must output the input's shape [${desc.inputShape}], got [${desc.outputShape}]`,
        );
      }
      const args = {
        input: lossInput,
        target: this.input,
        grad: fuse ? g.edges[n - 1][0] : this.outputGrad,
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

  /** Plans the gathers against the dataset buffers (again whenever they are reallocated). */
  bindDataset(src: GatherSources): void {
    this.gathers.bind(src);
  }

  /** Training steps augment each sample of their batch on the way in (null: they do not). */
  setAugment(plan: AugmentPlan | null): void {
    this.gathers.setAugment(plan);
  }

  /** Training step number `step` (it picks the dropout masks) on trainOrder[start .. start + B): one submit. */
  step(start: number, step: number): void {
    if (!this.loss) throw new Error('this model has no loss of its own: plan one with planLoss');
    const encoder = this.device.createCommandEncoder({ label: 'train-step' });
    const pass = encoder.beginComputePass({ label: 'train-step' });
    this.encodeTrainGather(pass, start, step);
    this.encodeTrainForward(pass, step);
    this.loss.encode(pass);
    this.encodeBackward(pass);
    this.encodeUpdate(pass);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** Gathers trainOrder[start .. start + B) into `input`, augmented as training step `step` draws it when
   *  an augmentation is set (start and step are queue-ordered uniform writes). */
  encodeTrainGather(pass: GPUComputePassEncoder, start: number, step = 0): void {
    this.gathers.encodeTrain(pass, start, step);
  }

  /** Training-mode forward pass number `step` (it picks the dropout masks) from `input`. */
  encodeTrainForward(pass: GPUComputePassEncoder, step: number): void {
    for (const layer of this.layers) layer.mask?.setStep(step);
    for (const layer of this.layers) for (const op of layer.forwardTrain) op.encode(pass);
  }

  /** Training backward from `outputGrad` (written by a loss or by the caller) to the parameter gradients. */
  encodeBackward(pass: GPUComputePassEncoder): void {
    for (let i = this.backwardLayers - 1; i >= 0; i--) {
      for (const op of this.accumulateTrain[i + 1]) op.encode(pass);
      for (const op of this.layers[i].backward) op.encode(pass);
    }
    for (const op of this.accumulateTrain[0]) op.encode(pass);
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
    for (let i = this.gradientLayers.length - 1; i >= 0; i--) {
      for (const op of this.accumulateAll[i + 1]) op.encode(pass);
      for (const op of this.gradientLayers[i].backwardEval) op.encode(pass);
    }
    for (const op of this.accumulateAll[0]) op.encode(pass);
  }

  /** The planned ops of layer `i` (for per-layer timing): eval forward and training backward. */
  layerOps(i: number): { forward: readonly PlannedOp[]; backward: readonly PlannedOp[] } {
    const layer = this.layers[i];
    return { forward: layer.forwardEval, backward: layer.backward };
  }

  /** Evaluates test records [start, start + B) into logits; the caller copies them out in `after`. */
  evaluateBatch(start: number, after: (encoder: GPUCommandEncoder) => void): void {
    const encoder = this.device.createCommandEncoder({ label: 'evaluate' });
    const pass = encoder.beginComputePass({ label: 'evaluate' });
    this.gathers.encodeTest(pass, start);
    this.encodeForward(pass);
    pass.end();
    after(encoder);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Zeroes optimizer state and step count (after restoring weights, or on reset). */
  resetOptimizer(encoder: GPUCommandEncoder): void {
    for (const o of this.optimizers.values()) o.reset(encoder);
  }

  /** Bytes of every buffer the model owns. */
  get bytes(): number {
    return this.arena.bytes + this.gathers.bytes;
  }

  destroy(): void {
    this.arena.destroy();
    this.gathers.destroy();
  }
}
