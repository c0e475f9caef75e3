// The generative modes through TrainerCore (as the worker runs them) on WebGPU with real MNIST: the
// autoencoder reports losses, reconstructions and 2-D latent points and decodes a code; the GAN reports
// losses and a sample grid that changes with training, and generates from given noise.
import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from '../../network/hyper';
import type { EventOf } from '../protocol';
import { createHarness } from '../testing/harness';
import type { GenerativeEvent } from './types';
import { narrowPreset } from './narrow-presets';

type Kind = GenerativeEvent['kind'];
type Of<K extends Kind> = Extract<GenerativeEvent, { kind: K }>;

async function setup() {
  const h = createHarness();
  await h.send({ type: 'init' });
  await h.waitFor('ready');
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  const next = <K extends Kind>(kind: K, test: (e: Of<K>) => boolean = () => true) =>
    h
      .waitFor('generative', (e: EventOf<'generative'>) => e.event.kind === kind && test(e.event as Of<K>), {
        timeoutMs: 100_000,
      })
      .then((e) => e.event as Of<K>);
  return { h, next };
}

describe('generative session in TrainerCore (WebGPU, real MNIST)', () => {
  it('autoencoder: losses, reconstructions, latent points and decoding', async () => {
    const { h, next } = await setup();
    const { spec } = narrowPreset('autoencoder', 4);
    const hyper = { ...DEFAULT_HYPER, batchSize: 16, loss: 'bce' as const };
    await h.send({
      type: 'generative',
      request: { kind: 'setAutoencoder', spec, hyper, bottleneckLayerId: 'bottleneck' },
    });
    const ready = await next('ready');
    expect(ready.latentDim).toBe(2);
    const latent = await next('latent');
    expect(latent.points.length).toBe(2 * latent.labels.length);
    expect(latent.labels.length).toBe(2000);
    await h.send({ type: 'generative', request: { kind: 'start' } });
    const metrics = await next('metrics', (m) => m.step >= 20);
    expect(metrics.loss).toBeGreaterThan(0);
    const pairs = await next('reconstructions', (r) => r.step >= 20);
    expect(pairs.originals.length).toBe(8 * 784);
    expect(pairs.reconstructions.length).toBe(8 * 784);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    await h.send({
      type: 'generative',
      request: { kind: 'decode', id: 7, codes: Float32Array.of(0.5, -1, 2, 3) },
    });
    const decoded = await next('decoded');
    expect(decoded.id).toBe(7);
    expect(decoded.images.length).toBe(2 * 784);
    expect(decoded.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });

  it('GAN: losses, a changing sample grid and generation from given noise', async () => {
    const { h, next } = await setup();
    const generator = narrowPreset('dcgan-generator', 8).spec;
    const discriminator = narrowPreset('dcgan-discriminator', 8).spec;
    const hyper = { ...DCGAN_HYPER, batchSize: 16, lr: 2e-3 };
    await h.send({ type: 'generative', request: { kind: 'setGan', generator, discriminator, hyper } });
    const ready = await next('ready');
    expect(ready.fixedNoise!.length).toBe(16 * ready.latentDim);
    const first = await next('samples');
    expect(first.step).toBe(0);
    await h.send({ type: 'generative', request: { kind: 'start' } });
    const metrics = await next('metrics', (m) => m.step >= 10);
    expect(metrics.dLoss).toBeGreaterThan(0);
    expect(metrics.dReal).toBeGreaterThan(0);
    const later = await next('samples', (s) => s.step >= 20);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    let change = 0;
    for (let i = 0; i < later.images.length; i++) change += Math.abs(later.images[i] - first.images[i]);
    expect(change / later.images.length).toBeGreaterThan(0.01);
    const noise = ready.fixedNoise!.slice(0, 3 * ready.latentDim);
    await h.send({ type: 'generative', request: { kind: 'generate', id: 3, noise } });
    const generated = await next('generated');
    expect(generated.images.length).toBe(3 * 784);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
