// Plans one layer of a model on the GPU: its forward pass (train and eval mode) and its backward pass,
// wired to the layer's input/output tensors and its slices of the flat parameter and gradient buffers.
import { planActivationBackward, planActivationForward } from '../ops/activation';
import {
  planConv2dBackwardBias,
  planConv2dBackwardInput,
  planConv2dBackwardWeight,
  planConv2dForward,
} from '../ops/conv2d';
import {
  planConvTranspose2dBackwardBias,
  planConvTranspose2dBackwardInput,
  planConvTranspose2dBackwardWeight,
  planConvTranspose2dForward,
} from '../ops/conv_transpose2d';
import { planBatchNorm2dBackward, planBatchNorm2dForward } from '../ops/batch_norm';
import { createDropoutMask, planDropoutBackward, planDropoutForward, type DropoutMask } from '../ops/dropout';
import { planLinearBackward, planLinearForward } from '../ops/linear';
import {
  maxPoolTilesExactly,
  planAvgPool2dBackward,
  planAvgPool2dForward,
  planMaxPool2dBackward,
  planMaxPool2dForward,
} from '../ops/pool';
import type { EngineContext, PlannedOp } from '../op';
import type { ActivationKind } from '../reference/activation';
import { sizeOf, tensor, type Tensor } from '../tensor';
import type { FlatTensor, LayerPlan } from './describe';

export interface LayerTensors {
  /** Forward input and output, [batch, ...shape]. */
  x: Tensor;
  y: Tensor;
  /** Gradients of the same; dx is null for the first layer (nothing upstream needs it). */
  dx: Tensor | null;
  dy: Tensor;
}

export interface FlatBuffers {
  params: GPUBuffer;
  grads: GPUBuffer;
  /** Non-trainable state (BatchNorm running statistics). */
  buffers: GPUBuffer;
}

export interface GpuLayer {
  forwardTrain: PlannedOp[];
  forwardEval: PlannedOp[];
  backward: PlannedOp[];
  /** The backward pass of the eval-mode forward (BatchNorm by running statistics, Dropout as identity): saliency. */
  backwardEval: PlannedOp[];
  /** Dropout's mask, which must be told the step number before each training step. */
  mask?: DropoutMask;
}

const ACTIVATION: Record<string, ActivationKind> = {
  ReLU: 'relu',
  LeakyReLU: 'leaky_relu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
};

function view(buffer: GPUBuffer, t: FlatTensor): Tensor {
  return tensor(buffer, t.shape, t.offset * 4);
}

/**
 * Training-mode fusion of a ReLU that directly follows a Conv2d or Linear (saves a dispatch and a pass
 * over the activation each way): the Conv2d/Linear gets `reluInto` (the ReLU's output, written with the
 * ReLU applied in its epilogue) and the ReLU gets `fusedReluForward` (no forward of its own in training).
 * Eval-mode forwards stay separate, so inspection still sees the pre-activation output.
 */
export interface LayerFusion {
  reluInto?: Tensor;
  fusedReluForward?: boolean;
  /**
   * Training backward of a MaxPool2d right after a ReLU (windows tiling the input): the pool writes the
   * ReLU's input gradient, masked by its own output, and the ReLU (`fusedReluBackward`) runs none.
   */
  reluGradInto?: Tensor;
  fusedReluBackward?: boolean;
}

/** Whether layer `i`, a ReLU with an input gradient to write, can leave its backward to the pool after it. */
export function poolFusesReluBackward(layers: readonly LayerPlan[], i: number, batch: number): boolean {
  const next = layers[i + 1]?.layer;
  if (layers[i].layer.kind !== 'ReLU' || next?.kind !== 'MaxPool2d') return false;
  const params = {
    kernelSize: next.kernel_size,
    stride: next.stride,
    padding: next.padding,
    dilation: next.dilation,
    ceilMode: next.ceil_mode,
  };
  return maxPoolTilesExactly([batch, ...layers[i + 1].inShape], params);
}

/** Whether layer `i`'s training forward can take the ReLU that follows it into its epilogue. */
export function fusesFollowingRelu(layers: readonly LayerPlan[], i: number): boolean {
  const kind = layers[i].layer.kind;
  return (kind === 'Conv2d' || kind === 'Linear') && layers[i + 1]?.layer.kind === 'ReLU';
}

/** `seed` makes this layer's dropout masks (a u32, distinct per layer). */
export function planGpuLayer(
  ctx: EngineContext,
  plan: LayerPlan,
  io: LayerTensors,
  flat: FlatBuffers,
  seed: number,
  fusion: LayerFusion = {},
): GpuLayer {
  const { layer } = plan;
  const p = (name: string) => plan.params.find((t) => t.name === name);
  const param = (name: string) => {
    const t = p(name);
    return t ? view(flat.params, t) : undefined;
  };
  const grad = (name: string) => {
    const t = p(name);
    return t ? view(flat.grads, t) : undefined;
  };
  const same = (forward: PlannedOp[], backward: PlannedOp[]): GpuLayer => ({
    forwardTrain: forward,
    forwardEval: forward,
    backward,
    backwardEval: backward,
  });
  const label = `${layer.kind}`;

  switch (layer.kind) {
    case 'Conv2d': {
      const params = { stride: layer.stride, padding: layer.padding, dilation: layer.dilation };
      const weight = param('weight')!;
      const back: PlannedOp[] = [
        planConv2dBackwardWeight(ctx, { x: io.x, dy: io.dy, dweight: grad('weight')!, params }),
      ];
      if (layer.bias) back.push(planConv2dBackwardBias(ctx, { dy: io.dy, dbias: grad('bias')! }));
      if (io.dx) back.push(planConv2dBackwardInput(ctx, { dy: io.dy, weight, dx: io.dx, params }));
      const forward = (y: Tensor, relu: boolean) =>
        planConv2dForward(ctx, { x: io.x, weight, bias: param('bias'), y, params, relu, label });
      const evaluate = forward(io.y, false);
      const train = fusion.reluInto ? forward(fusion.reluInto, true) : evaluate;
      return { forwardTrain: [train], forwardEval: [evaluate], backward: back, backwardEval: back };
    }
    case 'ConvTranspose2d': {
      const params = {
        stride: layer.stride,
        padding: layer.padding,
        dilation: layer.dilation,
        outputPadding: layer.output_padding,
      };
      const weight = param('weight')!;
      const back: PlannedOp[] = [
        planConvTranspose2dBackwardWeight(ctx, { x: io.x, dy: io.dy, dweight: grad('weight')!, params }),
      ];
      if (layer.bias) back.push(planConvTranspose2dBackwardBias(ctx, { dy: io.dy, dbias: grad('bias')! }));
      if (io.dx) back.push(planConvTranspose2dBackwardInput(ctx, { dy: io.dy, weight, dx: io.dx, params }));
      return same(
        [planConvTranspose2dForward(ctx, { x: io.x, weight, bias: param('bias'), y: io.y, params, label })],
        back,
      );
    }
    case 'Linear': {
      const weight = param('weight')!;
      const forward = planLinearForward(ctx, { x: io.x, weight, bias: param('bias'), y: io.y });
      const train = fusion.reluInto
        ? planLinearForward(ctx, { x: io.x, weight, bias: param('bias'), y: fusion.reluInto, relu: true })
        : forward;
      const backward = planLinearBackward(ctx, {
        x: io.x,
        weight,
        dy: io.dy,
        dx: io.dx ?? undefined,
        dWeight: grad('weight')!,
        dBias: grad('bias'),
      });
      return {
        forwardTrain: [train],
        forwardEval: [forward],
        backward: [backward],
        backwardEval: [backward],
      };
    }
    case 'MaxPool2d': {
      const params = {
        kernelSize: layer.kernel_size,
        stride: layer.stride,
        padding: layer.padding,
        dilation: layer.dilation,
        ceilMode: layer.ceil_mode,
      };
      const indices = tensor(ctx.arena.storage('max_pool2d/indices', sizeOf(io.y.shape) * 4), io.y.shape);
      const forward = planMaxPool2dForward(ctx, { x: io.x, y: io.y, indices, params });
      const back = io.dx ? [planMaxPool2dBackward(ctx, { dy: io.dy, indices, dx: io.dx, params })] : [];
      const { reluGradInto } = fusion;
      const train = reluGradInto
        ? [planMaxPool2dBackward(ctx, { dy: io.dy, indices, dx: reluGradInto, params, reluMask: io.y })]
        : back;
      return { forwardTrain: [forward], forwardEval: [forward], backward: train, backwardEval: back };
    }
    case 'AvgPool2d': {
      const params = {
        kernelSize: layer.kernel_size,
        stride: layer.stride,
        padding: layer.padding,
        ceilMode: layer.ceil_mode,
        countIncludePad: layer.count_include_pad,
      };
      const forward = planAvgPool2dForward(ctx, { x: io.x, y: io.y, params });
      const back = io.dx ? [planAvgPool2dBackward(ctx, { dy: io.dy, dx: io.dx, params })] : [];
      return same([forward], back);
    }
    case 'ReLU':
    case 'LeakyReLU':
    case 'Sigmoid':
    case 'Tanh': {
      const kind = ACTIVATION[layer.kind];
      const slope = layer.kind === 'LeakyReLU' ? layer.negative_slope : undefined;
      const forward = planActivationForward(ctx, { kind, x: io.x, y: io.y, slope });
      // leaky_relu reads the forward input, sigmoid/tanh the output (see reference savesInput); ReLU the
      // output too (y > 0 exactly when x > 0), as a fused training forward never writes its input.
      const saved = kind === 'leaky_relu' ? io.x : io.y;
      const back = io.dx ? [planActivationBackward(ctx, { kind, saved, dy: io.dy, dx: io.dx, slope })] : [];
      return {
        forwardTrain: fusion.fusedReluForward ? [] : [forward],
        forwardEval: [forward],
        backward: fusion.fusedReluBackward ? [] : back,
        backwardEval: back,
      };
    }
    case 'Flatten':
    case 'Unflatten':
      return same([], []);
    case 'BatchNorm2d': {
      const stat = (name: string) =>
        view(
          flat.buffers,
          plan.buffers.find((t) => t.name === name)!,
        );
      const channels = [layer.num_features];
      const scratch = (name: string) =>
        tensor(ctx.arena.storage(`batch_norm2d/${name}`, channels[0] * 4), channels);
      const common = {
        x: io.x,
        y: io.y,
        weight: param('weight')!,
        bias: param('bias')!,
        runningMean: stat('running_mean'),
        runningVar: stat('running_var'),
      };
      const settings = { eps: layer.eps, momentum: layer.momentum };
      const saveMean = scratch('save_mean');
      const saveInvstd = scratch('save_invstd');
      const train = planBatchNorm2dForward(ctx, {
        ...common,
        saveMean,
        saveInvstd,
        params: { training: true, ...settings },
      });
      // Eval keeps its own saved statistics, so an evaluation between steps cannot disturb a backward pass.
      const evalMean = scratch('eval_mean');
      const evalInvstd = scratch('eval_invstd');
      const evaluate = planBatchNorm2dForward(ctx, {
        ...common,
        saveMean: evalMean,
        saveInvstd: evalInvstd,
        params: { training: false, ...settings },
      });
      const back = (training: boolean) =>
        planBatchNorm2dBackward(ctx, {
          x: io.x,
          dy: io.dy,
          weight: common.weight,
          saveMean: training ? saveMean : evalMean,
          saveInvstd: training ? saveInvstd : evalInvstd,
          dx: io.dx ?? undefined,
          dweight: grad('weight')!,
          dbias: grad('bias')!,
          params: { training },
        });
      return {
        forwardTrain: [train],
        forwardEval: [evaluate],
        backward: [back(true)],
        backwardEval: [back(false)],
      };
    }
    case 'Dropout': {
      const n = sizeOf(io.x.shape);
      const mask = createDropoutMask(ctx, { p: layer.p, seed, training: true }, n);
      // Eval is the identity: a mask that keeps everything at scale 1 copies x to y.
      const identity = createDropoutMask(ctx, { p: layer.p, seed, training: false }, n);
      return {
        forwardTrain: [planDropoutForward(ctx, { x: io.x, y: io.y, mask })],
        forwardEval: [planDropoutForward(ctx, { x: io.x, y: io.y, mask: identity })],
        backward: io.dx ? [planDropoutBackward(ctx, { dy: io.dy, dx: io.dx, mask })] : [],
        backwardEval: io.dx ? [planDropoutBackward(ctx, { dy: io.dy, dx: io.dx, mask: identity })] : [],
        mask,
      };
    }
  }
}
