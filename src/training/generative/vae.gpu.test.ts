// The VAE preset (its Reparameterize layer: noise by (seed, step), the KL term's gradient) trains the same on
// WebGPU (SwiftShader) as on the CPU reference ops: same seeded weights and batches, three steps, then the
// losses, every weight and the eval-mode codes agree. With SGD, not the preset's Adam: Adam divides by the
// gradient's own size, so a first-layer gradient that nearly cancels (a few 1e-9, its rounding different in
// the two summation orders) moves its weight by up to the full rate either way (172 of 1.3 million weights
// differ by up to 9e-4 after 3 steps); Adam's kernel is compared on its own elsewhere.
import { describe, expect, it } from 'vitest';
import { describeModel } from '../../model/describe';
import { initialState } from '../../model/init';
import { expectClose } from '../../gpu/testing/close';
import { gpuCheck } from '../../gpu/testing/test-device';
import { wireSpec } from '../../network/analyze';
import { getPreset } from '../../network/presets';
import { optimizerSettings } from '../optimizer-settings';
import { permutation, Prng } from '../prng';
import { CpuAutoencoder } from './cpu-autoencoder';
import { GpuAutoencoder } from './gpu-autoencoder';
import { gpuDataset, imagesOf, loadMnist } from './testing/gpu';

const STEPS = 3;
const BATCH = 8;

describe('the VAE preset on WebGPU against the CPU reference', () => {
  it(`takes the same ${STEPS} steps: losses, weights and codes`, () =>
    gpuCheck(async (device) => {
      const host = await loadMnist();
      const data = gpuDataset(device, host);
      const preset = getPreset('vae')!;
      const spec = wireSpec(preset.spec);
      const desc = describeModel(spec.input.shape, spec.layers);
      const options = {
        batch: BATCH,
        seed: 4,
        optimizer: optimizerSettings({ ...preset.hyper, optimizer: 'sgd', lr: 0.05, momentum: 0.9 }),
        loss: 'bce' as const,
      };
      const gpu = new GpuAutoencoder(device, desc, options, () => data.sources);
      const cpu = new CpuAutoencoder(desc, options, () => host);
      const prng = new Prng(9);
      const state = initialState(desc, () => prng.next());
      gpu.writeState(state);
      cpu.writeState(state);
      const order = permutation(host.train.available, new Prng(2));
      gpu.setOrder(order);
      cpu.setOrder(order);
      for (let step = 0; step < STEPS; step++) {
        gpu.step(step * BATCH, step);
        cpu.step(step * BATCH, step);
        await gpu.settle();
        const [g, c] = [await gpu.takeSums(), await cpu.takeSums()];
        expect(Math.abs(g.loss - c.loss)).toBeLessThan(1e-4 * c.loss);
      }
      const [g, c] = [await gpu.readState(), await cpu.readState()];
      expectClose(g.params, c.params, { atol: 2e-5, rtol: 1e-3 });
      const code = desc.layers.findIndex((_, i) => spec.layers[i].id === preset.bottleneckLayerId);
      const test = imagesOf(host, 'test', 0, BATCH);
      const codes = await gpu.layerOutputs(test, BATCH, code);
      expect(codes.length).toBe(BATCH * 2);
      expectClose(codes, await cpu.layerOutputs(test, BATCH, code), { atol: 1e-4, rtol: 1e-3 });
      gpu.destroy();
      cpu.destroy();
      data.destroy();
    }));
});
