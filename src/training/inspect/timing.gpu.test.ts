// Per-layer GPU time on a LeNet-5 model: timestamp queries where the device has them (the SwiftShader
// adapter does), finite positive times for every layer with kernels, zero for views.
import { describe, expect, it } from 'vitest';
import { describeModel } from '../../model/describe';
import { GpuModel } from '../../model/gpu-model';
import { wireSpec } from '../../network/analyze';
import { presetSpec } from '../../network/presets';
import { gpuCheck } from '../../gpu/testing/test-device';
import { NORMALISATION } from '../normalisation';
import { gpuLayerTimes } from './gpu-inspect';

describe('gpuLayerTimes', () => {
  it('times every LeNet-5 layer with the method the device allows', async () => {
    const desc = describeModel([1, 28, 28], wireSpec(presetSpec('lenet-5')).layers);
    const { method, layers, hasTimestamps } = await gpuCheck(async (device) => {
      const model = new GpuModel(device, desc, {
        batch: 8,
        seed: 1,
        normalisation: NORMALISATION,
        optimizer: { kind: 'sgd', lr: 0.01 },
      });
      const result = await gpuLayerTimes(model);
      model.destroy();
      return { ...result, hasTimestamps: device.features.has('timestamp-query') };
    });
    expect(method).toBe(hasTimestamps ? 'timestamp-query' : 'submitted-work-done');
    expect(layers.map((l) => l.layerIndex)).toEqual(desc.layers.map((_, i) => i));
    desc.layers.forEach((plan, i) => {
      const t = layers[i];
      if (plan.layer.kind === 'Flatten') expect(t).toEqual({ layerIndex: i, forwardMs: 0, backwardMs: 0 });
      else {
        // SwiftShader's timestamps tick every 65.5 µs, so a tiny pass (a ReLU) may read 0.
        expect(Number.isFinite(t.forwardMs) && t.forwardMs >= 0).toBe(true);
        expect(Number.isFinite(t.backwardMs) && t.backwardMs >= 0).toBe(true);
      }
    });
    // The convolutions do real work both ways (the first conv's backward is its weight gradient only).
    for (const i of [0, 3]) {
      expect(layers[i].forwardMs).toBeGreaterThan(0);
      expect(layers[i].backwardMs).toBeGreaterThan(0);
    }
  });
});
