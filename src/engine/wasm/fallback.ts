// What the wasm kernels do not cover runs on the reference ops, on the same memory (wasm arrays are plain
// typed arrays to JavaScript): grouped convolutions, BatchNorm without affine, the activations added after
// the kernels were written (GELU, SiLU, ELU), label smoothing, and the graph ops (add, concat, upsample,
// adaptive pooling, softmax, GroupNorm, per-pixel cross-entropy), and the VAE's sampling step.
import { referenceOps, type CpuOps } from '../cpu-ops';
import type { ActivationKind } from '../reference/activation';

/** The activations assembly/activation_forward.ts implements. */
const WASM_ACTIVATIONS = new Set<ActivationKind>(['relu', 'leaky_relu', 'sigmoid', 'tanh']);

const grouped = (params: { groups?: number } | undefined) => (params?.groups ?? 1) !== 1;

/** `wasm`'s kernels where they apply, the reference ops elsewhere. */
export function withReferenceFallback(wasm: Omit<CpuOps, keyof typeof GRAPH_OPS>): CpuOps {
  const ref = referenceOps;
  return {
    ...GRAPH_OPS,
    ...wasm,
    conv2dForward: (a) => (grouped(a.params) ? ref.conv2dForward(a) : wasm.conv2dForward(a)),
    conv2dBackwardInput: (a) =>
      grouped(a.params) ? ref.conv2dBackwardInput(a) : wasm.conv2dBackwardInput(a),
    conv2dBackwardWeight: (a) =>
      grouped(a.params) ? ref.conv2dBackwardWeight(a) : wasm.conv2dBackwardWeight(a),
    convTranspose2dForward: (a) =>
      grouped(a.params) ? ref.convTranspose2dForward(a) : wasm.convTranspose2dForward(a),
    convTranspose2dBackwardInput: (a) =>
      grouped(a.params) ? ref.convTranspose2dBackwardInput(a) : wasm.convTranspose2dBackwardInput(a),
    convTranspose2dBackwardWeight: (a) =>
      grouped(a.params) ? ref.convTranspose2dBackwardWeight(a) : wasm.convTranspose2dBackwardWeight(a),
    batchNorm2dForward: (a) => (a.weight ? wasm.batchNorm2dForward(a) : ref.batchNorm2dForward(a)),
    batchNorm2dBackward: (a) => (a.weight ? wasm.batchNorm2dBackward(a) : ref.batchNorm2dBackward(a)),
    activationForward: (kind, ...rest) =>
      (WASM_ACTIVATIONS.has(kind) ? wasm : ref).activationForward(kind, ...rest),
    activationBackward: (kind, ...rest) =>
      (WASM_ACTIVATIONS.has(kind) ? wasm : ref).activationBackward(kind, ...rest),
    softmaxCrossEntropy: (logits, labels, dlogits, batch, classes, probs, smoothing) =>
      smoothing
        ? ref.softmaxCrossEntropy(logits, labels, dlogits, batch, classes, probs, smoothing)
        : wasm.softmaxCrossEntropy(logits, labels, dlogits, batch, classes, probs),
  };
}

/** The graph ops and the VAE's sampling step, which have no wasm kernels yet. */
const GRAPH_OPS = {
  softmaxCrossEntropy2d: referenceOps.softmaxCrossEntropy2d,
  addForward: referenceOps.addForward,
  accumulate: referenceOps.accumulate,
  concatForward: referenceOps.concatForward,
  concatBackward: referenceOps.concatBackward,
  upsample2dForward: referenceOps.upsample2dForward,
  upsample2dBackward: referenceOps.upsample2dBackward,
  adaptiveAvgPool2dForward: referenceOps.adaptiveAvgPool2dForward,
  adaptiveAvgPool2dBackward: referenceOps.adaptiveAvgPool2dBackward,
  softmaxForward: referenceOps.softmaxForward,
  softmaxBackward: referenceOps.softmaxBackward,
  groupNormForward: referenceOps.groupNormForward,
  groupNormBackward: referenceOps.groupNormBackward,
  reparameterizeForward: referenceOps.reparameterizeForward,
  reparameterizeBackward: referenceOps.reparameterizeBackward,
} satisfies Partial<CpuOps>;
