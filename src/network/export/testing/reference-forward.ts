// Test-only: a design's inference forward pass through the engine's CPU reference ops, layer by layer,
// with weights as the export sees them (per layer, PyTorch names). The oracle the exported model.py is
// compared with; BatchNorm uses its running statistics and Dropout is the identity, as in eval mode.
import { activationForward } from '../../../engine/reference/activation';
import { batchNorm2dForward } from '../../../engine/reference/batch_norm';
import { conv2dForward } from '../../../engine/reference/conv2d';
import { convTranspose2dForward } from '../../../engine/reference/conv_transpose2d';
import { linearForward } from '../../../engine/reference/linear';
import { avgPool2dForward, maxPool2dForward } from '../../../engine/reference/pool';
import { analyzeSpec, wireSpec } from '../../analyze';
import type { NetworkSpec } from '../../spec';
import type { LayerTensors } from '../state-dict';

/** Output [batch, ...outputShape] of the design on inputs [batch, ...inputShape]. */
export function referenceForward(
  spec: NetworkSpec,
  weights: readonly LayerTensors[],
  input: Float32Array,
  batch: number,
): Float32Array {
  const wired = wireSpec(spec);
  const analysis = analyzeSpec(wired);
  let x = input;
  let shape = [batch, ...wired.input.shape];
  wired.layers.forEach((layer, i) => {
    const out = [batch, ...(analysis.layers[i].outputShape ?? [])];
    const y = new Float32Array(out.reduce((a, b) => a * b, 1));
    const tensor = (name: string) => {
      const t = weights.find((w) => w.layerIndex === i)?.tensors.find((u) => u.name === name);
      return t ? { data: t.data, shape: t.shape } : null;
    };
    const need = (name: string) => {
      const t = tensor(name);
      if (!t) throw new Error(`layer ${i + 1} has no ${name}`);
      return t;
    };
    switch (layer.kind) {
      case 'Conv2d': {
        const params = { stride: layer.stride, padding: layer.padding, dilation: layer.dilation };
        conv2dForward({
          x: { data: x, shape },
          weight: need('weight'),
          bias: tensor('bias'),
          y: { data: y, shape: out },
          params,
        });
        break;
      }
      case 'ConvTranspose2d': {
        const params = {
          stride: layer.stride,
          padding: layer.padding,
          dilation: layer.dilation,
          outputPadding: layer.output_padding,
        };
        convTranspose2dForward({
          x: { data: x, shape },
          weight: need('weight'),
          bias: tensor('bias'),
          y: { data: y, shape: out },
          params,
        });
        break;
      }
      case 'MaxPool2d': {
        const k = [layer.kernel_size, layer.kernel_size] as const;
        const params = {
          kernelSize: k,
          stride: [layer.stride, layer.stride] as const,
          padding: [layer.padding, layer.padding] as const,
          dilation: [layer.dilation, layer.dilation] as const,
          ceilMode: layer.ceil_mode,
        };
        maxPool2dForward({ x, y, indices: new Uint32Array(y.length), shape, params });
        break;
      }
      case 'AvgPool2d': {
        const params = {
          kernelSize: [layer.kernel_size, layer.kernel_size] as const,
          stride: [layer.stride, layer.stride] as const,
          padding: [layer.padding, layer.padding] as const,
          ceilMode: layer.ceil_mode,
          countIncludePad: layer.count_include_pad,
        };
        avgPool2dForward({ x, y, shape, params });
        break;
      }
      case 'Linear': {
        const dims = { batch, inFeatures: layer.in_features, outFeatures: layer.out_features };
        linearForward(x, need('weight').data, tensor('bias')?.data ?? null, y, dims);
        break;
      }
      case 'BatchNorm2d': {
        const c = layer.num_features;
        batchNorm2dForward({
          x,
          y,
          shape,
          weight: need('weight').data,
          bias: need('bias').data,
          runningMean: need('running_mean').data.slice(),
          runningVar: need('running_var').data.slice(),
          saveMean: new Float32Array(c),
          saveInvstd: new Float32Array(c),
          params: { training: false, eps: layer.eps, momentum: layer.momentum },
        });
        break;
      }
      case 'ReLU':
        activationForward('relu', x, y);
        break;
      case 'LeakyReLU':
        activationForward('leaky_relu', x, y, layer.negative_slope);
        break;
      case 'Sigmoid':
        activationForward('sigmoid', x, y);
        break;
      case 'Tanh':
        activationForward('tanh', x, y);
        break;
      case 'Flatten':
      case 'Unflatten':
      case 'Dropout':
        // NCHW row-major storage: flattening and unflattening are the same numbers, reshaped.
        y.set(x);
        break;
    }
    x = y;
    shape = out;
  });
  return x;
}
