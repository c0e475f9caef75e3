// LeNet-5's conv -> ReLU -> max-pool chains in training on WebGPU: the rule fuses each into one pass
// (conv2d_forward_pool_subgroup), and the fused model's pooled activations, logits and every parameter
// gradient match the same model with the chains run as separate passes (conv, then pool).
import { describe, expect, it } from 'vitest';
import { readFloat32 } from '../gpu/buffers';
import { expectClose } from '../gpu/testing/close';
import { gpuCheck } from '../gpu/testing/test-device';
import type { TunableSite } from '../engine/op';
import { randomFloat32 } from '../engine/reference/testing/conv';
import { GpuModel } from '../model/gpu-model';
import { presetSpec } from '../network/presets';
import { describeSpec } from './model-spec';

// Batch 3: the fused kernel's quads do not fill its last workgroup.
const BATCH = 3;
const desc = describeSpec(presetSpec('lenet-5'), BATCH);
const TOL = { atol: 1e-5, rtol: 1e-5 };
const isPoolSite = (site: TunableSite) => site.key.startsWith('conv2d.correlate_pool ');

describe('conv -> ReLU -> max-pool fused in training', () => {
  it('matches the separate passes: pooled activations, logits and every gradient', () =>
    gpuCheck(async (device) => {
      const chosen: string[] = [];
      const variants = {
        fused: {
          choose: (site: TunableSite) => {
            if (isPoolSite(site)) chosen.push(site.handPicked);
            return site.handPicked;
          },
        },
        separate: { choose: (site: TunableSite) => (isPoolSite(site) ? 'separate' : site.handPicked) },
      };
      const params = randomFloat32(desc.paramFloats, 31).map((v) => v * 0.3);
      const input = randomFloat32(BATCH * 28 * 28, 32);
      const dy = randomFloat32(BATCH * 10, 33);
      const results = [];
      for (const chooser of [variants.fused, variants.separate]) {
        const m = new GpuModel(device, desc, {
          batch: BATCH,
          loss: 'none',
          seed: 1,
          normalisation: { mean: 0, std: 1 },
          optimizer: { kind: 'sgd', lr: 0, momentum: 0, nesterov: false, weightDecay: 0 },
          variants: chooser,
        });
        try {
          device.queue.writeBuffer(m.params.buffer, 0, params);
          device.queue.writeBuffer(m.input.buffer, m.input.offset, input);
          device.queue.writeBuffer(m.outputGrad.buffer, m.outputGrad.offset, dy);
          const encoder = device.createCommandEncoder();
          const pass = encoder.beginComputePass();
          m.encodeTrainForward(pass, 0);
          m.encodeBackward(pass);
          pass.end();
          device.queue.submit([encoder.finish()]);
          const read = (t: (typeof m.outputs)[number]) =>
            readFloat32(
              device,
              t.buffer,
              t.shape.reduce((a, b) => a * b, 1),
              t.offset,
            );
          const pooled = await Promise.all(
            desc.layers.flatMap((l, i) => (l.layer.kind === 'MaxPool2d' ? [read(m.outputs[i])] : [])),
          );
          const grads = await readFloat32(device, m.grads.buffer, desc.paramFloats);
          results.push({ pooled, logits: await read(m.logits), grads });
        } finally {
          m.destroy();
        }
      }
      // The rule fused both of LeNet-5's chains (the test device has subgroup quads).
      expect(chosen).toEqual(['fused', 'fused']);
      const [fused, separate] = results;
      expect(fused.pooled).toHaveLength(2);
      fused.pooled.forEach((p, i) => expectClose(p, separate.pooled[i], TOL));
      expectClose(fused.logits, separate.logits, TOL);
      expectClose(fused.grads, separate.grads, TOL);
      expect(fused.grads.some((g) => g !== 0)).toBe(true);
    }));
});
