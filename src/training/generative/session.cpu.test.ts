// The generative session on the CPU backend (no WebGPU): the same requests train, preview and decode.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from '../../network/hyper';
import type { EventOf } from '../protocol';
import { createHarness } from '../testing/harness';
import { JUDGE_PATH } from './judge';
import { narrowPreset } from './narrow-presets';
import { SCORE_SAMPLES } from './session';
import type { GenerativeEvent } from './types';

type Of<K extends GenerativeEvent['kind']> = Extract<GenerativeEvent, { kind: K }>;

describe('generative session on the CPU backend', () => {
  it('trains an autoencoder and a GAN a few steps and answers decode and generate', async () => {
    const h = createHarness();
    await h.send({ type: 'init', forceCpu: true });
    expect((await h.waitFor('ready')).backend).toBe('cpu');
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    const next = <K extends GenerativeEvent['kind']>(kind: K, test: (e: Of<K>) => boolean = () => true) =>
      h
        .waitFor('generative', (e: EventOf<'generative'>) => e.event.kind === kind && test(e.event as Of<K>))
        .then((e) => e.event as Of<K>);

    const ae = narrowPreset('autoencoder', 4).spec;
    const aeHyper = { ...DEFAULT_HYPER, batchSize: 4, loss: 'mse' as const };
    await h.send({
      type: 'generative',
      request: { kind: 'setAutoencoder', spec: ae, hyper: aeHyper, bottleneckLayerId: 'bottleneck' },
    });
    await next('latent');
    // Once the judge arrives, the digit score of the (untrained) reconstructions follows.
    const judge = new Uint8Array(await readFile(`public/${JUDGE_PATH}`));
    await h.send({ type: 'generative', request: { kind: 'setJudge', bytes: judge } });
    const aeScore = (await next('score')).score;
    expect(aeScore.count).toBe(SCORE_SAMPLES);
    expect(aeScore.recognised).toBeGreaterThanOrEqual(0);
    expect(aeScore.recognised).toBeLessThan(0.5);
    await h.send({ type: 'generative', request: { kind: 'start' } });
    const m = await next('metrics', (e) => e.step >= 10);
    expect(m.loss).toBeGreaterThan(0);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    await h.send({ type: 'generative', request: { kind: 'decode', id: 1, codes: Float32Array.of(0, 0) } });
    expect((await next('decoded')).images.length).toBe(784);

    const generator = narrowPreset('dcgan-generator', 8).spec;
    const discriminator = narrowPreset('dcgan-discriminator', 8).spec;
    await h.send({
      type: 'generative',
      request: { kind: 'setGan', generator, discriminator, hyper: { ...DCGAN_HYPER, batchSize: 4 } },
    });
    // A new build is scored at once: noise from an untrained generator looks like no digit in particular.
    const ganScore = (await next('score', (e) => e.score.recognised === undefined)).score;
    expect(ganScore.histogram.reduce((a, b) => a + b)).toBe(SCORE_SAMPLES);
    expect(ganScore.inceptionScore).toBeGreaterThanOrEqual(1);
    expect(ganScore.inceptionScore).toBeLessThan(3);
    await h.send({ type: 'generative', request: { kind: 'start' } });
    const g = await next('metrics', (e) => e.step >= 5 && e.dLoss !== undefined);
    expect(Number.isFinite(g.dLoss!)).toBe(true);
    expect(Number.isFinite(g.gLoss!)).toBe(true);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    const samples = await next('samples');
    expect(samples.images.length).toBe(16 * 784);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  }, 120_000);
});
