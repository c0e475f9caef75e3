// The CPU ops a model runs on, as one interface: the reference ops in plain TypeScript (referenceOps) or the
// same ops in WebAssembly (createWasmOps in wasm/). Each member has exactly its reference function's
// signature, so a caller swaps backends without touching its code; arrays the ops read or write must come
// from `alloc` (the wasm backend's kernels only see their own memory).
import { activationBackward, activationForward } from './reference/activation';
import { adaptiveAvgPool2dBackward, adaptiveAvgPool2dForward } from './reference/adaptive_avg_pool';
import { accumulate, addForward } from './reference/add';
import { concatBackward, concatForward } from './reference/concat';
import { groupNormBackward, groupNormForward } from './reference/group_norm';
import { softmaxBackward, softmaxForward } from './reference/softmax';
import { upsample2dBackward, upsample2dForward } from './reference/upsample';
import { batchNorm2dBackward, batchNorm2dForward } from './reference/batch_norm';
import {
  conv2dBackwardBias,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dForward,
} from './reference/conv2d';
import {
  convTranspose2dBackwardBias,
  convTranspose2dBackwardInput,
  convTranspose2dBackwardWeight,
  convTranspose2dForward,
} from './reference/conv_transpose2d';
import { dropoutBackward, dropoutForward } from './reference/dropout';
import { reparameterizeBackward, reparameterizeForward } from './reference/reparameterize';
import {
  linearBackwardBias,
  linearBackwardInput,
  linearBackwardWeight,
  linearForward,
} from './reference/linear';
import { bceWithLogits, mseLoss, softmaxCrossEntropy, softmaxCrossEntropy2d } from './reference/loss';
import { adamState, adamStep, sgdState, sgdStep } from './reference/optimizer';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from './reference/pool';

export interface CpuOps {
  /**
   * A zeroed array of `floats` float32 values where the ops can read and write it. Views of it
   * (subarray, or a Uint32Array over the same bytes for max-pool indices) are accepted too.
   */
  alloc(floats: number): Float32Array;
  /** Releases threads and memory; the ops and every array from `alloc` must not be used afterwards. */
  dispose(): void;
  conv2dForward: typeof conv2dForward;
  conv2dBackwardInput: typeof conv2dBackwardInput;
  conv2dBackwardWeight: typeof conv2dBackwardWeight;
  conv2dBackwardBias: typeof conv2dBackwardBias;
  convTranspose2dForward: typeof convTranspose2dForward;
  convTranspose2dBackwardInput: typeof convTranspose2dBackwardInput;
  convTranspose2dBackwardWeight: typeof convTranspose2dBackwardWeight;
  convTranspose2dBackwardBias: typeof convTranspose2dBackwardBias;
  linearForward: typeof linearForward;
  linearBackwardInput: typeof linearBackwardInput;
  linearBackwardWeight: typeof linearBackwardWeight;
  linearBackwardBias: typeof linearBackwardBias;
  maxPool2dForward: typeof maxPool2dForward;
  maxPool2dBackward: typeof maxPool2dBackward;
  avgPool2dForward: typeof avgPool2dForward;
  avgPool2dBackward: typeof avgPool2dBackward;
  batchNorm2dForward: typeof batchNorm2dForward;
  batchNorm2dBackward: typeof batchNorm2dBackward;
  activationForward: typeof activationForward;
  activationBackward: typeof activationBackward;
  dropoutForward: typeof dropoutForward;
  dropoutBackward: typeof dropoutBackward;
  reparameterizeForward: typeof reparameterizeForward;
  reparameterizeBackward: typeof reparameterizeBackward;
  softmaxCrossEntropy: typeof softmaxCrossEntropy;
  softmaxCrossEntropy2d: typeof softmaxCrossEntropy2d;
  mseLoss: typeof mseLoss;
  addForward: typeof addForward;
  accumulate: typeof accumulate;
  concatForward: typeof concatForward;
  concatBackward: typeof concatBackward;
  upsample2dForward: typeof upsample2dForward;
  upsample2dBackward: typeof upsample2dBackward;
  adaptiveAvgPool2dForward: typeof adaptiveAvgPool2dForward;
  adaptiveAvgPool2dBackward: typeof adaptiveAvgPool2dBackward;
  softmaxForward: typeof softmaxForward;
  softmaxBackward: typeof softmaxBackward;
  groupNormForward: typeof groupNormForward;
  groupNormBackward: typeof groupNormBackward;
  bceWithLogits: typeof bceWithLogits;
  /** Optimizer state whose arrays live where the ops can update them. */
  sgdState: typeof sgdState;
  sgdStep: typeof sgdStep;
  adamState: typeof adamState;
  adamStep: typeof adamStep;
}

/** The reference ops in plain TypeScript: the test oracle and the fallback where WebAssembly is missing. */
export const referenceOps: CpuOps = {
  alloc: (floats) => new Float32Array(floats),
  dispose: () => undefined,
  conv2dForward,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dBackwardBias,
  convTranspose2dForward,
  convTranspose2dBackwardInput,
  convTranspose2dBackwardWeight,
  convTranspose2dBackwardBias,
  linearForward,
  linearBackwardInput,
  linearBackwardWeight,
  linearBackwardBias,
  maxPool2dForward,
  maxPool2dBackward,
  avgPool2dForward,
  avgPool2dBackward,
  batchNorm2dForward,
  batchNorm2dBackward,
  activationForward,
  activationBackward,
  dropoutForward,
  dropoutBackward,
  reparameterizeForward,
  reparameterizeBackward,
  softmaxCrossEntropy,
  softmaxCrossEntropy2d,
  mseLoss,
  bceWithLogits,
  addForward,
  accumulate,
  concatForward,
  concatBackward,
  upsample2dForward,
  upsample2dBackward,
  adaptiveAvgPool2dForward,
  adaptiveAvgPool2dBackward,
  softmaxForward,
  softmaxBackward,
  groupNormForward,
  groupNormBackward,
  sgdState,
  sgdStep,
  adamState,
  adamStep,
};
