// A DCGAN (the presets' layers at an eighth of the width) trains briefly on real MNIST on WebGPU
// (SwiftShader). Its samples must move away from those at initialisation, stay different from each other,
// and look more like digits to a classifier trained in the same suite. The figures are printed.
import { describe, expect, it } from 'vitest';
import { describeModel } from '../../model/describe';
import { GpuModel } from '../../model/gpu-model';
import { initialState } from '../../model/init';
import { readFloat32 } from '../../gpu/buffers';
import { gpuCheck } from '../../gpu/testing/test-device';
import { wireSpec } from '../../network/analyze';
import { presetSpec } from '../../network/presets';
import { Prng } from '../prng';
import { EpochSchedule } from '../schedule';
import { gaussianNoise, GAN_NORMALISATION, ganFigures } from './common';
import { GpuGan } from './gpu-gan';
import { sampleStats } from './stats';
import { narrowPreset } from './narrow-presets';
import { gpuDataset, imagesOf, loadMnist } from './testing/gpu';

const B = 32;
const GAN_STEPS = 60;
const CLASSIFIER_STEPS = 150;
const adam = (lr: number, beta1: number) => ({
  kind: 'adam' as const,
  lr,
  beta1,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
});

describe('DCGAN on WebGPU with real MNIST', () => {
  it(
    'samples move away from initialisation, differ from each other and are judged more digit-like',
    () =>
      gpuCheck(async (device) => {
        const host = await loadMnist();
        const data = gpuDataset(device, host);
        const t0 = performance.now();

        // The judge: an MLP classifier trained briefly on images scaled as the generator's ([-1, 1]).
        const mlp = wireSpec(presetSpec('mlp'));
        const cDesc = describeModel(mlp.input.shape, mlp.layers);
        const classifier = new GpuModel(device, cDesc, {
          batch: 64,
          seed: 1,
          normalisation: GAN_NORMALISATION,
          optimizer: adam(3e-3, 0.9),
        });
        const prng = new Prng(9);
        const random = () => prng.next();
        const c0 = initialState(cDesc, random);
        device.queue.writeBuffer(classifier.params.buffer, 0, c0.params);
        const cs = new EpochSchedule(1, 64);
        for (let step = 0; step < CLASSIFIER_STEPS; step++) {
          const start = cs.next(host.train.available)!;
          if (cs.orderChanged) device.queue.writeBuffer(data.sources!.trainOrder, 0, cs.order);
          cs.orderChanged = false;
          if (step === 0) classifier.bindDataset(data.sources!);
          classifier.step(start, step);
        }
        const classify = async (images: Float32Array) => {
          device.queue.writeBuffer(classifier.input.buffer, 0, images);
          const encoder = device.createCommandEncoder();
          const pass = encoder.beginComputePass();
          classifier.encodeForward(pass);
          pass.end();
          device.queue.submit([encoder.finish()]);
          return readFloat32(device, classifier.logits.buffer, (images.length / 784) * 10);
        };
        const realStats = sampleStats(
          imagesOf(host, 'test', 0, B, GAN_NORMALISATION),
          await classify(padded(imagesOf(host, 'test', 0, B, GAN_NORMALISATION))),
        );

        const g = narrowPreset('dcgan-generator', 8);
        const d = narrowPreset('dcgan-discriminator', 8);
        const latent = g.desc.inputShape[0];
        const gan = new GpuGan(
          device,
          g.desc,
          d.desc,
          { batch: B, seed: 3, generator: adam(2e-3, 0.5), discriminator: adam(2e-3, 0.5) },
          () => data.sources,
        );
        gan.writeState({
          generator: initialState(g.desc, random),
          discriminator: initialState(d.desc, random),
        });
        const fixed = gaussianNoise(new Prng(77), B * latent);
        const before = await gan.generate(fixed, B);
        const beforeStats = sampleStats(before, await classify(padded(before)));
        const schedule = new EpochSchedule(2, B);
        const noise = new Prng(5);
        const figures: string[] = [];
        for (let step = 0; step < GAN_STEPS; step++) {
          const start = schedule.next(host.train.available)!;
          if (schedule.orderChanged) gan.setOrder(schedule.order);
          schedule.orderChanged = false;
          gan.step(start, step, gaussianNoise(noise, B * latent));
          await gan.settle();
          if ((step + 1) % 20 === 0) {
            const f = ganFigures(await gan.takeSums());
            figures.push(
              `D ${f.dLoss.toFixed(3)} G ${f.gLoss.toFixed(3)} D(x) ${f.dReal.toFixed(2)} D(G(z)) ${f.dFake.toFixed(2)}`,
            );
          }
        }
        const after = await gan.generate(fixed, B);
        const afterStats = sampleStats(after, await classify(padded(after)));
        let moved = 0;
        for (let i = 0; i < after.length; i++) moved += Math.abs(after[i] - before[i]) / after.length;
        const line = (name: string, s: typeof afterStats) =>
          `${name}: pixel variance across samples ${s.variance.toFixed(4)}, mean pixel ${s.meanPixel.toFixed(3)}, ` +
          `classes [${s.histogram.join(' ')}], mean max-probability ${s.meanMaxProbability.toFixed(3)}`;
        process.stdout.write(
          `DCGAN (eighth width) ${GAN_STEPS} steps of ${B}, ${((performance.now() - t0) / 1000).toFixed(1)} s in all; ` +
            `${figures.join(' | ')}\n  ${line('at init', beforeStats)}\n  ${line('trained', afterStats)}\n  ` +
            `${line('real test images', realStats)}\n  mean |after - before| per pixel ${moved.toFixed(3)}\n`,
        );
        expect(moved).toBeGreaterThan(0.1);
        expect(afterStats.variance).toBeGreaterThan(0.01);
        // Real digits are mostly background (-1): the generator must have moved its mean pixel toward theirs.
        expect(Math.abs(afterStats.meanPixel - realStats.meanPixel)).toBeLessThan(
          Math.abs(beforeStats.meanPixel - realStats.meanPixel),
        );
        expect(afterStats.meanMaxProbability).toBeGreaterThan(beforeStats.meanMaxProbability);
        gan.destroy();
        classifier.destroy();
        data.destroy();
      }),
    150_000,
  );
});

/** The classifier reads whole batches of 64. */
function padded(images: Float32Array): Float32Array {
  const out = new Float32Array(64 * 784).fill(-1);
  out.set(images);
  return out;
}
