// The same model as GpuModel on the CPU reference ops: the fallback when WebGPU is missing. Parameters,
// gradients and optimizer state use the same flat layout, so weights move between backends unchanged.
// Layers run in list order and their backwards in reverse, with gradients of fanned-out outputs added
// up as on the GPU (wiring.ts); no fusion.
import { referenceOps, type CpuOps } from '../engine/cpu-ops';
import type { AdamState, SgdState } from '../engine/reference/optimizer';
import { sizeOf } from '../engine/tensor';
import { definitionOf } from '../layers';
import { FROM_INPUT } from '../layers/core/graph';
import { plansOf, type CpuLayer } from '../layers/plans';
import { isView, layerSeed, type ModelDescription } from './describe';
import type { ModelLoss, OptimizerSettings } from './gpu-model';
import { planGradients } from './wiring';

export interface CpuStepResult {
  /** Summed (not mean) loss over the batch, and correct predictions. */
  lossSum: number;
  correct: number;
}

export class CpuModel {
  readonly params: Float32Array;
  readonly grads: Float32Array;
  readonly buffers: Float32Array;
  /** Input batch [B, ...inputShape] and labels [B]. */
  readonly input: Float32Array;
  readonly labels: Uint32Array;
  readonly outputs: Float32Array[];
  /** d(objective)/d(output) [B, ...outputShape]: the loss writes it in training; inputGradient reads it. */
  readonly outputGrad: Float32Array;
  /** d(objective)/d(input) [B, ...inputShape]: written by inputGradient, and by step() with inputGrad. */
  readonly inputGrad: Float32Array;
  private readonly layers: CpuLayer[];
  /** The layers inputGradient runs: those reading the input re-planned with dx when training omits it. */
  private readonly gradientLayers: CpuLayer[];
  /** Per source (index + 1, 0 = input): further edges' gradients to add into its own. */
  private readonly accumulate: Float32Array[][];
  /** Each layer's output gradient. */
  private readonly dys: Float32Array[];
  private readonly trainAccumulates: boolean[];
  private readonly loss: ModelLoss;
  /** Layers whose backward runs: all, or all but a final Sigmoid that BCE fuses into its logits (as on the GPU). */
  private readonly backwardLayers: number;
  /** What the loss reads and writes: the output and its gradient, or the pre-Sigmoid values when fused. */
  private readonly lossInput: Float32Array;
  private readonly lossGrad: Float32Array;
  private readonly labelSmoothing: number;
  private readonly ops: CpuOps;
  private settings: OptimizerSettings;
  private optState: SgdState | AdamState;
  /** The optimizer state arrays of each kind used so far (see freshState). */
  private readonly states: { sgd?: SgdState; adam?: AdamState } = {};

  constructor(
    readonly desc: ModelDescription,
    readonly batch: number,
    optimizer: OptimizerSettings,
    /** Seed of the dropout masks, as GpuModelOptions.seed. */
    seed: number,
    /**
     * As GpuModelOptions: inputGrad (training steps also compute the input gradient), loss and labelSmoothing;
     * `ops`, the kernels (default the reference TypeScript; createWasmOps for WebAssembly SIMD).
     */
    options: { inputGrad?: boolean; loss?: ModelLoss; labelSmoothing?: number; ops?: CpuOps } = {},
  ) {
    const ops = options.ops ?? referenceOps;
    this.ops = ops;
    const B = batch;
    const n = desc.layers.length;
    this.params = ops.alloc(desc.paramFloats);
    this.grads = ops.alloc(desc.paramFloats);
    this.buffers = ops.alloc(desc.bufferFloats);
    this.input = ops.alloc(B * sizeOf(desc.inputShape));
    this.labels = new Uint32Array(B);
    this.outputs = [];
    const source = (s: number) => (s === FROM_INPUT ? this.input : this.outputs[s]);
    for (const plan of desc.layers)
      this.outputs.push(isView(plan) ? source(plan.inputs[0]) : ops.alloc(B * sizeOf(plan.outShape)));
    const g = planGradients(
      desc,
      B,
      (_name, shape) => ops.alloc(sizeOf(shape)),
      (t) => t,
    );
    this.outputGrad = g.dy[n - 1];
    this.inputGrad = g.inputGrad;
    const withInputGrad = Boolean(options.inputGrad);
    const plan = (i: number, dxs: (Float32Array | null)[]) =>
      plansOf(desc.layers[i].layer.kind).cpu(
        desc.layers[i],
        {
          xs: desc.layers[i].inputs.map(source),
          x: source(desc.layers[i].inputs[0]),
          y: this.outputs[i],
          dxs,
          dx: dxs[0],
          dy: g.dy[i],
          batch: B,
        },
        { params: this.params, grads: this.grads, buffers: this.buffers },
        layerSeed(seed, i),
        ops,
      );
    this.layers = desc.layers.map((_, i) =>
      plan(
        i,
        g.edges[i].map((t, k) => (g.fromInput[i][k] && !withInputGrad ? null : t)),
      ),
    );
    this.gradientLayers = this.layers.map((layer, i) =>
      g.fromInput[i].some(Boolean) && !withInputGrad ? plan(i, g.edges[i]) : layer,
    );
    this.accumulate = g.accumulate;
    this.dys = g.dy;
    this.trainAccumulates = g.accumulate.map(
      (_, s) =>
        withInputGrad || !(s === 0 || (isView(desc.layers[s - 1]) && g.fromInput[s - 1].every(Boolean))),
    );
    this.settings = optimizer;
    this.optState = this.freshState(optimizer);
    this.loss = options.loss ?? 'cross_entropy';
    this.labelSmoothing = options.labelSmoothing ?? 0;
    const lastInput = desc.layers[n - 1].inputs[0];
    const sigmoid = Boolean(definitionOf(desc.layers[n - 1].layer.kind).traits?.sigmoid);
    const fuse = this.loss === 'bce' && n > 1 && sigmoid && lastInput >= 0;
    this.backwardLayers = fuse ? n - 1 : n;
    this.lossInput = fuse ? this.outputs[lastInput] : this.outputs[n - 1];
    this.lossGrad = fuse ? g.edges[n - 1][0] : this.outputGrad;
  }

  /**
   * Zeroed optimizer state for `s`. Each kind's arrays (Adam's serve AdamW) are allocated once and zeroed on later calls: the
   * wasm ops' memory is a bump allocator, so a reset or a kind switch must not allocate again.
   */
  private freshState(s: OptimizerSettings): SgdState | AdamState {
    if (s.kind === 'sgd') {
      const state = (this.states.sgd ??= this.ops.sgdState(this.params.length));
      state.momentumBuffer.fill(0);
      state.step = 0;
      return state;
    }
    const state = (this.states.adam ??= this.ops.adamState(this.params.length));
    state.expAvg.fill(0);
    state.expAvgSq.fill(0);
    state.step = 0;
    return state;
  }

  setOptimizer(settings: OptimizerSettings): void {
    if (settings.kind !== this.settings.kind) this.optState = this.freshState(settings);
    this.settings = settings;
  }

  resetOptimizer(): void {
    this.optState = this.freshState(this.settings);
  }

  forward(train: boolean, step = 0): Float32Array {
    for (const layer of this.layers) layer.forward(train, step);
    return this.outputs[this.outputs.length - 1];
  }

  /** Layer `index`'s forward alone, on whatever its inputs hold now (the inspector's training-mode look). */
  forwardLayer(index: number, train: boolean, step = 0): Float32Array {
    this.layers[index].forward(train, step);
    return this.outputs[index];
  }

  /** Adds the further edges' gradients of source `s` (index + 1, 0 = input) into its own. */
  private sumInto(s: number, on: boolean): void {
    if (!on) return;
    const into = s === 0 ? this.inputGrad : this.dys[s - 1];
    for (const edge of this.accumulate[s]) this.ops.accumulate(edge, into);
  }

  /**
   * Eval-mode forward, then backward from outputGrad (filled by the caller) down to inputGrad: a one-hot
   * outputGrad row gives that class score's gradient with respect to that input row (saliency).
   * Parameter gradients are overwritten on the way (every step recomputes them before use).
   */
  inputGradient(): void {
    for (const layer of this.gradientLayers) layer.forward(false, 0);
    for (let i = this.gradientLayers.length - 1; i >= 0; i--) {
      this.sumInto(i + 1, true);
      this.gradientLayers[i].backwardEval();
    }
    this.sumInto(0, true);
  }

  /** Eval-mode forward of layers [from, n) only: decodes values written into outputs[from - 1]. */
  forwardFrom(from: number): Float32Array {
    for (let i = from; i < this.layers.length; i++) this.layers[i].forward(false, 0);
    return this.outputs[this.outputs.length - 1];
  }

  /** Training step number `step`: forward, loss, backward and update on the batch in `input` and `labels`. */
  step(step: number): CpuStepResult {
    const logits = this.forward(true, step);
    let result: { loss: number; correct: number };
    if (this.loss === 'cross_entropy') {
      const classes = logits.length / this.batch;
      result = this.ops.softmaxCrossEntropy(
        logits,
        this.labels,
        this.outputGrad,
        this.batch,
        classes,
        null,
        this.labelSmoothing,
      );
    } else if (this.loss === 'none') throw new Error('this model has no loss of its own');
    else {
      const lossFn = this.loss === 'mse' ? this.ops.mseLoss : this.ops.bceWithLogits;
      result = lossFn(this.lossInput, this.input, this.lossGrad);
    }
    this.backward(step);
    this.update();
    return { lossSum: result.loss * this.batch, correct: result.correct };
  }

  /** Training backward from outputGrad (written by a loss or by the caller) to the parameter gradients. */
  backward(step: number): void {
    for (let i = this.backwardLayers - 1; i >= 0; i--) {
      this.sumInto(i + 1, this.trainAccumulates[i + 1]);
      this.layers[i].backward(step);
    }
    this.sumInto(0, this.trainAccumulates[0]);
  }

  /** One optimizer update from the parameter gradients. */
  update(): void {
    const s = this.settings;
    if (s.kind === 'sgd') this.ops.sgdStep(this.params, this.grads, this.optState as SgdState, s);
    else
      this.ops.adamStep(this.params, this.grads, this.optState as AdamState, {
        ...s,
        decoupled: s.kind === 'adamw',
      });
  }
}
