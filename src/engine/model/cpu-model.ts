// The same model as GpuModel on the CPU reference ops: the fallback when WebGPU is missing. Parameters,
// gradients and optimizer state use the same flat layout, so weights move between backends unchanged.
import { bceWithLogits, mseLoss, softmaxCrossEntropy } from '../reference/loss';
import {
  adamState,
  adamStep,
  sgdState,
  sgdStep,
  type AdamState,
  type SgdState,
} from '../reference/optimizer';
import { sizeOf } from '../tensor';
import { isView, layerSeed, type ModelDescription } from './describe';
import { planCpuLayer, type CpuLayer } from './cpu-layers';
import type { ModelLoss, OptimizerSettings } from './gpu-model';

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
  /** The layers inputGradient runs: the first non-view layer re-planned with dx when training omits it. */
  private readonly gradientLayers: CpuLayer[];
  private readonly dlogits: Float32Array;
  private readonly loss: ModelLoss;
  /** Layers whose backward runs: all, or all but a final Sigmoid that BCE fuses into its logits (as on the GPU). */
  private readonly backwardLayers: number;
  /** What the loss reads and writes: the output and its gradient, or the pre-Sigmoid values when fused. */
  private readonly lossInput: Float32Array;
  private readonly lossGrad: Float32Array;
  private settings: OptimizerSettings;
  private optState: SgdState | AdamState;

  constructor(
    readonly desc: ModelDescription,
    readonly batch: number,
    optimizer: OptimizerSettings,
    /** Seed of the dropout masks, as GpuModelOptions.seed. */
    seed: number,
    /** As GpuModelOptions: inputGrad (training steps also compute the input gradient) and loss. */
    options: { inputGrad?: boolean; loss?: ModelLoss } = {},
  ) {
    const B = batch;
    this.params = new Float32Array(desc.paramFloats);
    this.grads = new Float32Array(desc.paramFloats);
    this.buffers = new Float32Array(desc.bufferFloats);
    this.input = new Float32Array(B * sizeOf(desc.inputShape));
    this.labels = new Uint32Array(B);
    this.outputs = [];
    const grads: Float32Array[] = [];
    let x = this.input;
    let dx: Float32Array | null = null;
    for (const plan of desc.layers) {
      const n = B * sizeOf(plan.outShape);
      const y: Float32Array = isView(plan) ? x : new Float32Array(n);
      const dy: Float32Array = isView(plan) && dx ? dx : new Float32Array(n);
      this.outputs.push(y);
      grads.push(dy);
      x = y;
      dx = dy;
    }
    this.dlogits = grads[grads.length - 1];
    this.outputGrad = this.dlogits;
    // The first non-view layer's dx is the input gradient (views before it share its array).
    const first = desc.layers.findIndex((p) => !isView(p));
    this.inputGrad = first > 0 ? grads[first - 1] : new Float32Array(this.input.length);
    const plan = (i: number, withInputGrad: boolean) =>
      planCpuLayer(
        desc.layers[i],
        {
          x: i === 0 ? this.input : this.outputs[i - 1],
          y: this.outputs[i],
          dx: i > Math.max(first, 0) ? grads[i - 1] : withInputGrad ? this.inputGrad : null,
          dy: grads[i],
          batch: B,
        },
        { params: this.params, grads: this.grads, buffers: this.buffers },
        layerSeed(seed, i),
      );
    const withInputGrad = Boolean(options.inputGrad);
    this.layers = desc.layers.map((_, i) => plan(i, withInputGrad));
    this.gradientLayers = this.layers.map((layer, i) =>
      i === first && !withInputGrad ? plan(i, true) : layer,
    );
    this.settings = optimizer;
    this.optState = this.freshState(optimizer);
    this.loss = options.loss ?? 'cross_entropy';
    const n = desc.layers.length;
    const fuse = this.loss === 'bce' && n > 1 && desc.layers[n - 1].layer.kind === 'Sigmoid';
    this.backwardLayers = fuse ? n - 1 : n;
    this.lossInput = fuse ? this.outputs[n - 2] : this.outputs[n - 1];
    this.lossGrad = fuse ? grads[n - 2] : this.dlogits;
  }

  private freshState(s: OptimizerSettings): SgdState | AdamState {
    return s.kind === 'sgd' ? sgdState(this.params.length) : adamState(this.params.length);
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

  /**
   * Eval-mode forward, then backward from outputGrad (filled by the caller) down to inputGrad: a one-hot
   * outputGrad row gives that class score's gradient with respect to that input row (saliency).
   * Parameter gradients are overwritten on the way (every step recomputes them before use).
   */
  inputGradient(): void {
    for (const layer of this.gradientLayers) layer.forward(false, 0);
    for (let i = this.gradientLayers.length - 1; i >= 0; i--) this.gradientLayers[i].backwardEval();
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
      result = softmaxCrossEntropy(logits, this.labels, this.dlogits, this.batch, classes);
    } else if (this.loss === 'none') throw new Error('this model has no loss of its own');
    else {
      const lossFn = this.loss === 'mse' ? mseLoss : bceWithLogits;
      result = lossFn(this.lossInput, this.input, this.lossGrad);
    }
    this.backward(step);
    this.update();
    return { lossSum: result.loss * this.batch, correct: result.correct };
  }

  /** Training backward from outputGrad (written by a loss or by the caller) to the parameter gradients. */
  backward(step: number): void {
    for (let i = this.backwardLayers - 1; i >= 0; i--) this.layers[i].backward(step);
  }

  /** One optimizer update from the parameter gradients. */
  update(): void {
    const s = this.settings;
    if (s.kind === 'sgd') sgdStep(this.params, this.grads, this.optState as SgdState, s);
    else
      adamStep(this.params, this.grads, this.optState as AdamState, { ...s, decoupled: s.kind === 'adamw' });
  }
}
