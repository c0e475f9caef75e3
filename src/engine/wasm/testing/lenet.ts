// LeNet-5 training written directly on CpuOps (test and bench only: the model executor proper is in
// engine/model). Proves the wasm ops train exactly like the reference ops, and lets the bench time a step.
import type { CpuOps } from '../../cpu-ops';
import { describeModel, isView, type LayerPlan, type ModelDescription } from '../../model/describe';
import type { LayerDesc } from '../../model/layers';
import type { LossResult } from '../../reference/loss';
import type { SgdState } from '../../reference/optimizer';

/** issue 9's LeNet-5 on MNIST: the 'lenet-5' preset's layers. */
export const LENET_LAYERS: LayerDesc[] = [
  {
    kind: 'Conv2d',
    in_channels: 1,
    out_channels: 6,
    kernel_size: 5,
    stride: 1,
    padding: 2,
    dilation: 1,
    bias: true,
  },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false },
  {
    kind: 'Conv2d',
    in_channels: 6,
    out_channels: 16,
    kernel_size: 5,
    stride: 1,
    padding: 0,
    dilation: 1,
    bias: true,
  },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false },
  { kind: 'Flatten' },
  { kind: 'Linear', in_features: 400, out_features: 120, bias: true },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 120, out_features: 84, bias: true },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 84, out_features: 10, bias: true },
];

export const LENET_DESC: ModelDescription = describeModel([1, 28, 28], LENET_LAYERS);

export interface LenetTrainer {
  /** Flat parameters (the description's layout). */
  params: Float32Array;
  /** The batch: images [B, 1, 28, 28] and labels [B], written by the caller before step(). */
  input: Float32Array;
  labels: Uint32Array;
  /** Forward, softmax cross-entropy, backward and one SGD update; the batch-mean loss and correct count. */
  step(): LossResult;
  /** Forward only: the logits [B, 10] of the batch in `input`. */
  forward(): Float32Array;
}

interface Layer {
  forward(): void;
  backward(): void;
}

/** SGD with momentum from `init`, all arrays from ops.alloc; `desc` must be LeNet-5's layers. */
export function lenetTrainer(
  ops: CpuOps,
  batch: number,
  init: Float32Array,
  hyper: { lr: number; momentum: number },
  desc: ModelDescription = LENET_DESC,
): LenetTrainer {
  const params = ops.alloc(desc.paramFloats);
  params.set(init);
  const grads = ops.alloc(desc.paramFloats);
  const input = ops.alloc(batch * 784);
  const labelSlots = ops.alloc(batch);
  const labels = new Uint32Array(labelSlots.buffer, labelSlots.byteOffset, batch);
  const state: SgdState = ops.sgdState(desc.paramFloats);
  const sized = (shape: number[]) => batch * shape.reduce((a, b) => a * b, 1);
  let x = input;
  let dx: Float32Array | null = null;
  const layers: Layer[] = [];
  for (const plan of desc.layers) {
    const y: Float32Array = isView(plan) ? x : ops.alloc(sized(plan.outShape));
    const dy: Float32Array = isView(plan) && dx ? dx : ops.alloc(sized(plan.outShape));
    layers.push(layer(ops, plan, batch, { x, y, dx, dy }, params, grads));
    x = y;
    dx = dy;
  }
  const logits = x;
  const dlogits = dx!;
  return {
    params,
    input,
    labels,
    forward() {
      for (const l of layers) l.forward();
      return logits;
    },
    step() {
      for (const l of layers) l.forward();
      const result = ops.softmaxCrossEntropy(logits, labels, dlogits, batch, 10);
      for (let i = layers.length - 1; i >= 0; i--) layers[i].backward();
      ops.sgdStep(params, grads, state, hyper);
      return result;
    },
  };
}

function layer(
  ops: CpuOps,
  plan: LayerPlan,
  batch: number,
  io: { x: Float32Array; y: Float32Array; dx: Float32Array | null; dy: Float32Array },
  params: Float32Array,
  grads: Float32Array,
): Layer {
  const slice = (from: Float32Array, name: string) => {
    const t = plan.params.find((p) => p.name === name)!;
    return { data: from.subarray(t.offset, t.offset + t.size), shape: t.shape };
  };
  const xShape = [batch, ...plan.inShape];
  const yShape = [batch, ...plan.outShape];
  const { x, y, dx, dy } = io;
  const l = plan.layer;
  switch (l.kind) {
    case 'Conv2d': {
      const p = { stride: l.stride, padding: l.padding, dilation: l.dilation };
      const weight = slice(params, 'weight');
      const t = (data: Float32Array, shape: number[]) => ({ data, shape });
      return {
        forward: () =>
          ops.conv2dForward({
            x: t(x, xShape),
            weight,
            bias: slice(params, 'bias'),
            y: t(y, yShape),
            params: p,
          }),
        backward: () => {
          ops.conv2dBackwardWeight({
            x: t(x, xShape),
            dy: t(dy, yShape),
            dweight: slice(grads, 'weight'),
            params: p,
          });
          ops.conv2dBackwardBias({ dy: t(dy, yShape), dbias: slice(grads, 'bias') });
          if (dx) ops.conv2dBackwardInput({ dy: t(dy, yShape), weight, dx: t(dx, xShape), params: p });
        },
      };
    }
    case 'ReLU':
      return {
        forward: () => ops.activationForward('relu', x, y),
        backward: () => dx && ops.activationBackward('relu', x, dy, dx),
      };
    case 'MaxPool2d': {
      const p = { kernelSize: l.kernel_size, stride: l.stride, padding: l.padding, dilation: l.dilation };
      const slots = ops.alloc(y.length);
      const indices = new Uint32Array(slots.buffer, slots.byteOffset, slots.length);
      return {
        forward: () => ops.maxPool2dForward({ x, y, indices, shape: xShape, params: p }),
        backward: () => dx && ops.maxPool2dBackward({ dy, indices, dx, shape: xShape, params: p }),
      };
    }
    case 'Flatten':
      return { forward: () => undefined, backward: () => undefined };
    case 'Linear': {
      const d = { batch, inFeatures: l.in_features, outFeatures: l.out_features };
      const weight = slice(params, 'weight').data;
      return {
        forward: () => ops.linearForward(x, weight, slice(params, 'bias').data, y, d),
        backward: () => {
          ops.linearBackwardWeight(dy, x, slice(grads, 'weight').data, d);
          ops.linearBackwardBias(dy, slice(grads, 'bias').data, d);
          if (dx) ops.linearBackwardInput(dy, weight, dx, d);
        },
      };
    }
    default:
      throw new Error(`the test LeNet has no ${l.kind} layer`);
  }
}
