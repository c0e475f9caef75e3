// One layer on the CPU reference ops, with the same inputs and outputs as its GPU twin (gpu-layers.ts):
// the CPU fallback backend runs the exact same model description.
import { activationBackward, activationForward, type ActivationKind } from '../reference/activation';
import {
  conv2dBackwardBias,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  conv2dForward,
} from '../reference/conv2d';
import {
  convTranspose2dBackwardBias,
  convTranspose2dBackwardInput,
  convTranspose2dBackwardWeight,
  convTranspose2dForward,
} from '../reference/conv_transpose2d';
import { batchNorm2dBackward, batchNorm2dForward } from '../reference/batch_norm';
import { dropoutBackward, dropoutForward } from '../reference/dropout';
import {
  linearBackwardBias,
  linearBackwardInput,
  linearBackwardWeight,
  linearForward,
} from '../reference/linear';
import { avgPool2dBackward, avgPool2dForward, maxPool2dBackward, maxPool2dForward } from '../reference/pool';
import { sizeOf } from '../tensor';
import type { LayerPlan } from './describe';

export interface CpuLayerIo {
  x: Float32Array;
  y: Float32Array;
  /** Null for the first layer. */
  dx: Float32Array | null;
  dy: Float32Array;
  batch: number;
}

export interface CpuLayer {
  /** `step` picks the dropout mask in training, as on the GPU. */
  forward(train: boolean, step: number): void;
  backward(step: number): void;
  /** Backward of the eval-mode forward (BatchNorm by running statistics, Dropout as identity): saliency. */
  backwardEval(): void;
}

const ACTIVATION: Record<string, ActivationKind> = {
  ReLU: 'relu',
  LeakyReLU: 'leaky_relu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
};

export interface CpuFlat {
  params: Float32Array;
  grads: Float32Array;
  buffers: Float32Array;
}

/** `seed` makes this layer's dropout masks, as on the GPU. */
export function planCpuLayer(plan: LayerPlan, io: CpuLayerIo, flat: CpuFlat, seed: number): CpuLayer {
  const { params, grads } = flat;
  const { layer } = plan;
  const B = io.batch;
  const xShape = [B, ...plan.inShape];
  const yShape = [B, ...plan.outShape];
  const slice = (from: Float32Array, name: string) => {
    const t = plan.params.find((p) => p.name === name);
    return t ? { data: from.subarray(t.offset, t.offset + t.size), shape: t.shape } : null;
  };
  const x = { data: io.x, shape: xShape };
  const y = { data: io.y, shape: yShape };
  const dy = { data: io.dy, shape: yShape };
  const dx = io.dx ? { data: io.dx, shape: xShape } : null;
  const none = () => undefined;

  const layerOf = (l: Omit<CpuLayer, 'backwardEval'> & Partial<CpuLayer>): CpuLayer => ({
    backwardEval: () => l.backward(0),
    ...l,
  });

  switch (layer.kind) {
    case 'Conv2d': {
      const params2 = { stride: layer.stride, padding: layer.padding, dilation: layer.dilation };
      const weight = slice(params, 'weight')!;
      const bias = slice(params, 'bias');
      return layerOf({
        forward: () => conv2dForward({ x, weight, bias, y, params: params2 }),
        backward: () => {
          conv2dBackwardWeight({ x, dy, dweight: slice(grads, 'weight')!, params: params2 });
          if (bias) conv2dBackwardBias({ dy, dbias: slice(grads, 'bias')! });
          if (dx) conv2dBackwardInput({ dy, weight, dx, params: params2 });
        },
      });
    }
    case 'ConvTranspose2d': {
      const p = {
        stride: layer.stride,
        padding: layer.padding,
        dilation: layer.dilation,
        outputPadding: layer.output_padding,
      };
      const weight = slice(params, 'weight')!;
      const bias = slice(params, 'bias');
      return layerOf({
        forward: () => convTranspose2dForward({ x, weight, bias, y, params: p }),
        backward: () => {
          convTranspose2dBackwardWeight({ x, dy, dweight: slice(grads, 'weight')!, params: p });
          if (bias) convTranspose2dBackwardBias({ dy, dbias: slice(grads, 'bias')! });
          if (dx) convTranspose2dBackwardInput({ dy, weight, dx, params: p });
        },
      });
    }
    case 'Linear': {
      const d = { batch: B, inFeatures: layer.in_features, outFeatures: layer.out_features };
      const weight = slice(params, 'weight')!.data;
      const bias = slice(params, 'bias')?.data ?? null;
      return layerOf({
        forward: () => linearForward(io.x, weight, bias, io.y, d),
        backward: () => {
          linearBackwardWeight(io.dy, io.x, slice(grads, 'weight')!.data, d);
          if (bias) linearBackwardBias(io.dy, slice(grads, 'bias')!.data, d);
          if (io.dx) linearBackwardInput(io.dy, weight, io.dx, d);
        },
      });
    }
    case 'MaxPool2d': {
      const p = {
        kernelSize: layer.kernel_size,
        stride: layer.stride,
        padding: layer.padding,
        dilation: layer.dilation,
        ceilMode: layer.ceil_mode,
      };
      const indices = new Uint32Array(sizeOf(yShape));
      return layerOf({
        forward: () => maxPool2dForward({ x: io.x, y: io.y, indices, shape: xShape, params: p }),
        backward: () =>
          io.dx && maxPool2dBackward({ dy: io.dy, indices, dx: io.dx, shape: xShape, params: p }),
      });
    }
    case 'AvgPool2d': {
      const p = {
        kernelSize: layer.kernel_size,
        stride: layer.stride,
        padding: layer.padding,
        ceilMode: layer.ceil_mode,
        countIncludePad: layer.count_include_pad,
      };
      return layerOf({
        forward: () => avgPool2dForward({ x: io.x, y: io.y, shape: xShape, params: p }),
        backward: () => io.dx && avgPool2dBackward({ dy: io.dy, dx: io.dx, shape: xShape, params: p }),
      });
    }
    case 'ReLU':
    case 'LeakyReLU':
    case 'Sigmoid':
    case 'Tanh': {
      const kind = ACTIVATION[layer.kind];
      const slope = layer.kind === 'LeakyReLU' ? layer.negative_slope : undefined;
      const saved = kind === 'relu' || kind === 'leaky_relu' ? io.x : io.y;
      return layerOf({
        forward: () => activationForward(kind, io.x, io.y, slope),
        backward: () => io.dx && activationBackward(kind, saved, io.dy, io.dx, slope),
      });
    }
    case 'Flatten':
    case 'Unflatten':
      return layerOf({ forward: none, backward: none });
    case 'BatchNorm2d': {
      const stat = (name: string) => {
        const t = plan.buffers.find((b) => b.name === name)!;
        return flat.buffers.subarray(t.offset, t.offset + t.size);
      };
      const saveMean = new Float32Array(layer.num_features);
      const saveInvstd = new Float32Array(layer.num_features);
      const weight = slice(params, 'weight')!.data;
      const settings = { eps: layer.eps, momentum: layer.momentum };
      // The eval backward reads the statistics the eval forward saved (the running ones).
      const backward = (training: boolean) =>
        batchNorm2dBackward({
          x: io.x,
          dy: io.dy,
          shape: xShape,
          weight,
          saveMean,
          saveInvstd,
          dx: io.dx,
          dweight: slice(grads, 'weight')!.data,
          dbias: slice(grads, 'bias')!.data,
          params: { training },
        });
      return layerOf({
        forward: (train) =>
          batchNorm2dForward({
            x: io.x,
            y: io.y,
            shape: xShape,
            weight,
            bias: slice(params, 'bias')!.data,
            runningMean: stat('running_mean'),
            runningVar: stat('running_var'),
            saveMean,
            saveInvstd,
            params: { training: train, ...settings },
          }),
        backward: () => backward(true),
        backwardEval: () => backward(false),
      });
    }
    case 'Dropout':
      return layerOf({
        forward: (train, step) =>
          dropoutForward({ x: io.x, y: io.y, params: { p: layer.p, seed, training: train }, step }),
        backward: (step) =>
          io.dx &&
          dropoutBackward({ dy: io.dy, dx: io.dx, params: { p: layer.p, seed, training: true }, step }),
        backwardEval: () => io.dx?.set(io.dy),
      });
  }
}
