// Saliency is the engine's input gradient: on a briefly trained tiny model, the WebGPU model's gradient of
// each class score with respect to the input equals the CPU model's, and both equal finite differences of
// the logit computed with the CPU forward pass.
import { describe, expect, it } from 'vitest';
import { CpuModel } from '../../model/cpu-model';
import { describeModel, type ModelDescription } from '../../model/describe';
import { GpuModel } from '../../model/gpu-model';
import { initialState } from '../../model/init';
import type { LayerDesc } from '../../model/describe';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { NORMALISATION } from '../normalisation';
import { Prng } from '../prng';
import { cpuInputGradients } from './cpu-inspect';
import { gpuInputGradients } from './gpu-inspect';

const conv = (inC: number, outC: number, k: number, padding: number): LayerDesc => ({
  kind: 'Conv2d',
  in_channels: inC,
  out_channels: outC,
  kernel_size: k,
  stride: 1,
  padding,
  dilation: 1,
  groups: 1,
  bias: true,
});
const linear = (inF: number, outF: number): LayerDesc => ({
  kind: 'Linear',
  in_features: inF,
  out_features: outF,
  bias: true,
});

/** Smooth everywhere (Tanh, AvgPool), with BatchNorm and Dropout, whose eval-mode backward differs from training. */
const SMOOTH: LayerDesc[] = [
  conv(1, 3, 3, 1),
  { kind: 'BatchNorm2d', num_features: 3, eps: 1e-5, momentum: 0.1 },
  { kind: 'Tanh' },
  { kind: 'AvgPool2d', kernel_size: 2, stride: 2, padding: 0, ceil_mode: false, count_include_pad: true },
  { kind: 'Flatten' },
  { kind: 'Dropout', p: 0.3 },
  linear(3 * 14 * 14, 10),
];

/** LeNet-like: ReLU and MaxPool (piecewise linear), compared GPU against CPU. */
const PIECEWISE: LayerDesc[] = [
  conv(1, 4, 5, 2),
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false },
  conv(4, 5, 5, 0),
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false },
  { kind: 'Flatten' },
  linear(5 * 5 * 5, 10),
];

/** A digit-like image (a bar) with noise, normalised as the trainer does. */
function image(prng: Prng): Float32Array {
  return Float32Array.from({ length: 784 }, (_, i) => {
    const [y, x] = [Math.floor(i / 28), i % 28];
    const ink = x >= 12 && x <= 15 && y >= 4 && y <= 23 ? 1 : 0.2 * prng.next();
    return (ink - NORMALISATION.mean) / NORMALISATION.std;
  });
}

/** A few SGD steps on random bars and labels on the CPU, so the weights and BatchNorm statistics are trained. */
function trainedCpu(desc: ModelDescription, batch: number): CpuModel {
  const prng = new Prng(7);
  const model = new CpuModel(desc, batch, { kind: 'sgd', lr: 0.05, momentum: 0.9 }, 3);
  const init = initialState(desc, () => prng.next());
  model.params.set(init.params);
  model.buffers.set(init.buffers);
  for (let step = 0; step < 8; step++) {
    for (let r = 0; r < batch; r++) {
      model.input.set(image(prng), r * 784);
      model.labels[r] = prng.int(10);
    }
    model.step(step);
  }
  return model;
}

function gpuModelWith(device: GPUDevice, desc: ModelDescription, cpu: CpuModel, batch: number): GpuModel {
  const model = new GpuModel(device, desc, {
    batch,
    seed: 3,
    normalisation: NORMALISATION,
    optimizer: { kind: 'sgd', lr: 0.05 },
  });
  device.queue.writeBuffer(model.params.buffer, 0, cpu.params);
  device.queue.writeBuffer(model.buffers.buffer, 0, cpu.buffers);
  return model;
}

/** Central difference of logit `c` at pixel `p` on a batch-1 CPU model, in float64 arithmetic on the result. */
function finiteDifference(model: CpuModel, x: Float32Array, c: number, p: number, h: number): number {
  const logit = (delta: number) => {
    model.input.set(x);
    model.input[p] += delta;
    return model.forward(false)[c];
  };
  return (logit(h) - logit(-h)) / (2 * h);
}

describe('saliency: the input gradient of a class score', () => {
  it('is the same on WebGPU and the CPU, and equals finite differences of the logit (smooth model, BatchNorm, Dropout)', async () => {
    const desc = describeModel([1, 28, 28], SMOOTH);
    const cpu = trainedCpu(desc, 6);
    const x = image(new Prng(11));
    const expected = cpuInputGradients(cpu, x);
    // Batch 4 < 10 classes: the GPU path needs three passes.
    const got = await gpuCheck(async (device) => {
      const gpu = gpuModelWith(device, desc, cpu, 4);
      const out = await gpuInputGradients(gpu, x);
      gpu.destroy();
      return out;
    });
    expectClose(got.logits, expected.logits, { atol: 1e-4, rtol: 1e-4 });
    expectClose(got.gradients, expected.gradients, { atol: 1e-5, rtol: 1e-3 });

    const one = new CpuModel(desc, 1, { kind: 'sgd', lr: 0 }, 3);
    one.params.set(cpu.params);
    one.buffers.set(cpu.buffers);
    one.input.set(x);
    expectClose(one.forward(false).slice(), expected.logits, { atol: 1e-5, rtol: 1e-5 });
    const prng = new Prng(5);
    const predicted = expected.logits.indexOf(Math.max(...expected.logits));
    for (const c of [predicted, (predicted + 3) % 10]) {
      const pixels = Array.from({ length: 24 }, () => prng.int(784));
      const fd = pixels.map((p) => finiteDifference(one, x, c, p, 1e-2));
      const analytic = pixels.map((p) => got.gradients[c * 784 + p]);
      expectClose(analytic, fd, { atol: 2e-4, rtol: 2e-2 });
      // Not vacuous: the chosen pixels carry gradient.
      expect(Math.max(...analytic.map(Math.abs))).toBeGreaterThan(1e-3);
    }
  });

  it('is the same on WebGPU and the CPU for a LeNet-like model (ReLU, MaxPool), with no stray writes', async () => {
    const desc = describeModel([1, 28, 28], PIECEWISE);
    const cpu = trainedCpu(desc, 10);
    const x = image(new Prng(13));
    const expected = cpuInputGradients(cpu, x);
    const got = await gpuCheck(async (device) => {
      const gpu = gpuModelWith(device, desc, cpu, 16);
      const out = await gpuInputGradients(gpu, x);
      gpu.destroy();
      return out;
    });
    expectClose(got.logits, expected.logits, { atol: 1e-4, rtol: 1e-4 });
    expectClose(got.gradients, expected.gradients, { atol: 1e-5, rtol: 1e-3 });
    // Different classes have different saliency.
    const diff = got.gradients.slice(0, 784).reduce((s, v, i) => s + Math.abs(v - got.gradients[784 + i]), 0);
    expect(diff).toBeGreaterThan(1e-3);
  });
});
