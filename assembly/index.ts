// The CPU kernels in WebAssembly (128-bit SIMD), one per file; src/engine/wasm/ calls them through the
// CpuOps interface. Every kernel that can run on several threads takes (part, parts) last and computes only
// that share of its outputs; threads claim parts as they go. setScratch gives this instance (this thread)
// its conv tile scratch; heapBase is where the module's own static data ends.
export { conv2dForward } from './conv2d_forward';
export { conv2dBackwardInput } from './conv2d_backward_input';
export { conv2dBackwardWeight } from './conv2d_backward_weight';
export { channelSum } from './channel_sum';
export { linearForward } from './linear_forward';
export { linearBackwardInput } from './linear_backward_input';
export { linearBackwardWeight } from './linear_backward_weight';
export { reduceRows } from './reduce_rows';
export { maxPool2dForward } from './max_pool2d_forward';
export { maxPool2dBackward } from './max_pool2d_backward';
export { avgPool2dForward } from './avg_pool2d_forward';
export { avgPool2dBackward } from './avg_pool2d_backward';
export { activationForward } from './activation_forward';
export { activationBackward } from './activation_backward';
export { dropout } from './dropout';
export { batchNorm2dForward } from './batch_norm2d_forward';
export { batchNorm2dBackward } from './batch_norm2d_backward';
export { softmaxCrossEntropy } from './softmax_cross_entropy';
export { mseLoss } from './mse_loss';
export { bceWithLogits } from './bce_with_logits';
export { sgdStep } from './sgd_step';
export { adamStep } from './adam_step';

export { setScratch } from './common/scratch';

export function heapBase(): usize {
  return __heap_base;
}
