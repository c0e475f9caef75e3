// How a kind runs: its GPU plan (kernels planned once, encoded every step) and its CPU plan (the reference
// ops on Float32Arrays), wired by the model to its inputs, output and slices of the flat buffers.
import type { CpuOps } from '../../engine/cpu-ops';
import type { EngineContext, PlannedOp } from '../../engine/op';
import { tensor, type Tensor } from '../../engine/tensor';
import type { LayerData, Shape } from './types';

/** One named tensor of a layer inside a flat array. */
export interface FlatTensor {
  /** PyTorch name within the layer: weight, bias, running_mean, running_var. */
  name: string;
  shape: number[];
  /** Offset in floats (a multiple of 64, i.e. 256 bytes). */
  offset: number;
  size: number;
  /** fan_in used by PyTorch's default initialisation. */
  fanIn: number;
  init: 'uniform' | 'ones' | 'zeros';
}

/** A layer of a built model: its shapes, where it reads from, and where its tensors live. */
export interface LayerPlan<L = LayerData> {
  layer: L;
  /** Where each input comes from: a layer index, or -1 for the model's input. */
  inputs: number[];
  /** Per-sample shapes ([C, H, W] or [N]) of each input, of the first input, and of the output. */
  inShapes: Shape[];
  inShape: Shape;
  outShape: Shape;
  /** Trainable tensors, in the flat parameter array. */
  params: FlatTensor[];
  /** Non-trainable state (running statistics), in the flat buffer array. */
  buffers: FlatTensor[];
}

export interface GpuIo {
  /** Forward inputs (one per input) and output, [batch, ...shape]. */
  xs: Tensor[];
  x: Tensor;
  y: Tensor;
  /** Where the backward writes each input's gradient; null where nothing upstream needs it. */
  dxs: (Tensor | null)[];
  dx: Tensor | null;
  dy: Tensor;
}

export interface FlatBuffers {
  params: GPUBuffer;
  grads: GPUBuffer;
  /** Non-trainable state (running statistics). */
  buffers: GPUBuffer;
}

export interface GpuLayer {
  forwardTrain: PlannedOp[];
  forwardEval: PlannedOp[];
  backward: PlannedOp[];
  /** The backward pass of the eval-mode forward (BatchNorm by running statistics, Dropout as identity): saliency. */
  backwardEval: PlannedOp[];
  /** Random state drawn per step (Dropout's mask, a VAE's noise), which must be told the step number before
   *  each training step. */
  mask?: { setStep(step: number): void };
}

/**
 * Training-mode fusion of a ReLU that directly follows a layer with traits.reluEpilogue (saves a dispatch
 * and a pass over the activation each way): that layer gets `reluInto` (the ReLU's output, written with
 * the ReLU applied in its epilogue) and the ReLU gets `fusedReluForward` (no forward of its own in
 * training). Eval-mode forwards stay separate, so inspection still sees the pre-activation output.
 */
export interface LayerFusion {
  reluInto?: Tensor;
  fusedReluForward?: boolean;
  /**
   * Training backward of a layer that absorbs the ReLU before it (absorbsReluBackward): it writes the
   * ReLU's input gradient, masked by its own input, and the ReLU (`fusedReluBackward`) runs none.
   */
  reluGradInto?: Tensor;
  fusedReluBackward?: boolean;
  /**
   * Training forward of a layer with a fused ReLU whose output only a 2x2 max-pool reads (poolEpilogue and
   * the pool's epiloguePool): it also pools, writing the pool's output and argmax here, and the pool
   * (`fusedPoolForward`, the same argmax) runs no training forward of its own.
   */
  poolInto?: { y: Tensor; indices: Tensor };
  fusedPoolForward?: { indices: Tensor };
}

export interface CpuIo {
  xs: Float32Array[];
  x: Float32Array;
  y: Float32Array;
  /** Null where nothing upstream needs the gradient. */
  dxs: (Float32Array | null)[];
  dx: Float32Array | null;
  dy: Float32Array;
  batch: number;
}

export interface CpuFlat {
  params: Float32Array;
  grads: Float32Array;
  buffers: Float32Array;
}

export interface CpuLayer {
  /** `step` picks the dropout mask in training, as on the GPU. */
  forward(train: boolean, step: number): void;
  backward(step: number): void;
  /** Backward of the eval-mode forward (BatchNorm by running statistics, Dropout as identity): saliency. */
  backwardEval(): void;
}

export interface LayerPlans<L = LayerData> {
  /** `seed` makes this layer's dropout masks (a u32, distinct per layer). */
  gpu(
    ctx: EngineContext,
    plan: LayerPlan<L>,
    io: GpuIo,
    flat: FlatBuffers,
    seed: number,
    fusion: LayerFusion,
  ): GpuLayer;
  /** `ops`: the CPU kernels (reference TypeScript or WebAssembly); scratch arrays come from ops.alloc. */
  cpu(plan: LayerPlan<L>, io: CpuIo, flat: CpuFlat, seed: number, ops: CpuOps): CpuLayer;
  /** Whether, in training on the GPU, this layer can write the gradient of the ReLU that feeds it. */
  absorbsReluBackward?(plan: LayerPlan<L>, batch: number): boolean;
  /** Whether, in training on this device, this layer can also run a following 2x2 max-pool (poolInto). */
  poolEpilogue?(ctx: EngineContext, plan: LayerPlan<L>, batch: number): boolean;
  /** Whether this layer is a 2x2 max-pool of stride 2 that a producing layer can run (fusedPoolForward). */
  epiloguePool?(plan: LayerPlan<L>, batch: number): boolean;
}

/** Identity that checks a kind's plans against its layer type. */
export function definePlans<L>(plans: LayerPlans<L>): LayerPlans<L> {
  return plans;
}

/** A view of one named tensor of a layer in a flat GPU buffer. */
export function flatView(
  buffer: GPUBuffer,
  plan: LayerPlan<unknown>,
  name: string,
  from: 'params' | 'buffers' = 'params',
) {
  const t = plan[from].find((p) => p.name === name);
  return t ? tensor(buffer, t.shape, t.offset * 4) : undefined;
}

/** One named tensor of a layer in a flat CPU array, with its shape. */
export function flatSlice(
  array: Float32Array,
  plan: LayerPlan<unknown>,
  name: string,
  from: 'params' | 'buffers' = 'params',
) {
  const t = plan[from].find((p) => p.name === name);
  return t ? { data: array.subarray(t.offset, t.offset + t.size), shape: t.shape } : null;
}

/** A plan whose training and eval passes are the same. */
export function samePasses(forward: PlannedOp[], backward: PlannedOp[]): GpuLayer {
  return { forwardTrain: forward, forwardEval: forward, backward, backwardEval: backward };
}

/** A CPU layer whose eval backward is its training backward. */
export function cpuLayer(l: Omit<CpuLayer, 'backwardEval'> & Partial<CpuLayer>): CpuLayer {
  return { backwardEval: () => l.backward(0), ...l };
}
