// The conv autoencoder preset (at a quarter of its channel widths) trains on real MNIST on WebGPU (SwiftShader): its reconstructions of test
// images must beat predicting the mean training image by a wide margin.
import { describe, expect, it } from 'vitest';
import { initialState } from '../../model/init';
import { gpuCheck } from '../../gpu/testing/test-device';
import { Prng } from '../prng';
import { EpochSchedule } from '../schedule';
import { GpuAutoencoder } from './gpu-autoencoder';
import { narrowPreset } from './narrow-presets';
import { gpuDataset, imagesOf, loadMnist } from './testing/gpu';

const STEPS = 600;
const TEST_IMAGES = 1000;

describe('conv autoencoder on WebGPU with real MNIST', () => {
  it('reconstructs test images far better than the mean image', () =>
    gpuCheck(async (device) => {
      const host = await loadMnist();
      const data = gpuDataset(device, host);
      const { spec, desc } = narrowPreset('autoencoder', 4, { bottleneck: 16 });
      const adam = { kind: 'adam' as const, lr: 5e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
      const ae = new GpuAutoencoder(
        device,
        desc,
        { batch: 16, seed: 1, optimizer: adam, loss: 'bce' },
        () => data.sources,
      );
      const prng = new Prng(3);
      ae.writeState(initialState(desc, () => prng.next()));
      const schedule = new EpochSchedule(5, 16);
      const t0 = performance.now();
      const losses: number[] = [];
      for (let step = 0; step < STEPS; step++) {
        const start = schedule.next(host.train.available)!;
        if (schedule.orderChanged) ae.setOrder(schedule.order);
        schedule.orderChanged = false;
        ae.step(start, step);
        await ae.settle();
        if ((step + 1) % 200 === 0) {
          const s = await ae.takeSums();
          losses.push(s.loss / s.samples);
        }
      }
      const seconds = (performance.now() - t0) / 1000;

      const test = imagesOf(host, 'test', 0, TEST_IMAGES);
      const out = await ae.layerOutputs(test, TEST_IMAGES, desc.layers.length - 1);
      const mean = meanImage(imagesOf(host, 'train', 0, 10_000), 784);
      let aeError = 0;
      let meanError = 0;
      for (let i = 0; i < test.length; i++) {
        aeError += (out[i] - test[i]) ** 2;
        meanError += (mean[i % 784] - test[i]) ** 2;
      }
      aeError /= test.length;
      meanError /= test.length;
      const bottleneck = desc.layers.findIndex((_, i) => spec.layers[i].id === 'bottleneck');
      const codes = await ae.layerOutputs(test, 8, bottleneck);
      process.stdout.write(
        `autoencoder (quarter width, 16-value bottleneck, BCE) ${STEPS} steps in ${seconds.toFixed(1)} s; train BCE per 200 steps ` +
          `${losses.map((l) => l.toFixed(4)).join(' → ')}; test MSE ${aeError.toFixed(4)} vs mean image ` +
          `${meanError.toFixed(4)} (ratio ${(aeError / meanError).toFixed(2)})\n`,
      );
      expect(aeError).toBeLessThan(0.6 * meanError);
      expect(losses.at(-1)!).toBeLessThan(losses[0]);
      // The codes of different images differ (the bottleneck is not dead).
      expect(codes.length).toBe(8 * 16);
      expect(new Set(Array.from(codes, (v) => v.toFixed(3))).size).toBeGreaterThan(8);
      // Decoding a code from the bottleneck gives the same image as the full forward pass.
      const decoded = await ae.decodeFrom(bottleneck, codes, 8);
      for (let i = 0; i < 8 * 784; i++) expect(Math.abs(decoded[i] - out[i])).toBeLessThan(1e-4);
      ae.destroy();
      data.destroy();
    }));
});

function meanImage(images: Float32Array, pixels: number): Float32Array {
  const mean = new Float32Array(pixels);
  const n = images.length / pixels;
  for (let i = 0; i < images.length; i++) mean[i % pixels] += images[i] / n;
  return mean;
}
