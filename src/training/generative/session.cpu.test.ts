// The generative session on the CPU backend (no WebGPU): the same requests train, preview and decode.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from '../../network/hyper';
import type { EventOf } from '../protocol';
import { createHarness } from '../testing/harness';
import { JUDGE_PATH } from './judge';
import { narrowPreset } from './narrow-presets';
import { SCORE_SAMPLES } from './previews';
import type { GenerativeEvent } from './types';
import { CGAN_NOISE, CONDITION_CLASSES } from '../../network/cgan-presets';
import { withDigits } from './conditional';

const maxDiff = (a: Float32Array, b: Float32Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

type Of<K extends GenerativeEvent['kind']> = Extract<GenerativeEvent, { kind: K }>;

describe('generative session on the CPU backend', () => {
  it('trains an autoencoder, a GAN and a conditional GAN a few steps and answers decode and generate', async () => {
    const h = createHarness();
    await h.send({ type: 'init', forceCpu: true });
    expect((await h.waitFor('ready')).backend).toBe('cpu');
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    /** Events from index `from` on (the conditional GAN's part looks only at events after its build). */
    let from = 0;
    const next = <K extends GenerativeEvent['kind']>(kind: K, test: (e: Of<K>) => boolean = () => true) =>
      h
        .waitFor(
          'generative',
          (e: EventOf<'generative'>) => e.event.kind === kind && test(e.event as Of<K>),
          { from },
        )
        .then((e) => e.event as Of<K>);

    const ae = narrowPreset('autoencoder', 4).spec;
    const aeHyper = { ...DEFAULT_HYPER, batchSize: 4, loss: 'mse' as const };
    await h.send({
      type: 'generative',
      request: { kind: 'setAutoencoder', spec: ae, hyper: aeHyper, bottleneckLayerId: 'bottleneck' },
    });
    await next('latent');
    // With a 2-D code the plane comes decoded over a 10×10 grid too (no digits before the judge arrives).
    const atlas = await next('atlas');
    expect(atlas.images.length).toBe(100 * 784);
    expect(atlas.digits).toBeNull();
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

    // A conditional GAN: the grid has a row per digit, each column one noise vector drawn as every digit.
    from = h.events.length;
    await h.send({
      type: 'generative',
      request: {
        kind: 'setGan',
        generator: narrowPreset('cgan-generator', 8).spec,
        discriminator: narrowPreset('cgan-discriminator', 8).spec,
        hyper: { ...DCGAN_HYPER, batchSize: 4 },
      },
    });
    const ready = await next('ready');
    expect(ready.classes).toBe(CONDITION_CLASSES);
    expect(ready.latentDim).toBe(CGAN_NOISE);
    expect(ready.fixedNoise!.length).toBe(CONDITION_CLASSES * CGAN_NOISE);
    // Its digit score also says how often the judge sees the digit asked for.
    expect((await next('score')).score.recognised).toBeGreaterThanOrEqual(0);
    await h.send({ type: 'generative', request: { kind: 'start' } });
    expect(Number.isFinite((await next('metrics', (e) => e.step >= 5)).dLoss!)).toBe(true);
    await h.send({ type: 'generative', request: { kind: 'pause' } });
    // The grid drawn at the weights the run paused at (the earlier grids are from training).
    from = h.events.indexOf(
      await h.waitFor(
        'generative',
        (e: EventOf<'generative'>) => e.event.kind === 'state' && e.event.state === 'paused',
        { from },
      ),
    );
    const grid = (await next('samples')).images;
    expect(grid.length).toBe(CONDITION_CLASSES * CONDITION_CLASSES * 784);
    // Cells (digit, column): the page asks for [column's noise ‖ onehot(digit)] and gets the grid's cell.
    const cells = [
      [0, 0],
      [3, 0],
      [3, 7],
      [9, 2],
    ];
    const n = CGAN_NOISE;
    const noise = ready.fixedNoise!;
    const asked = withDigits(
      Float32Array.from(cells.flatMap(([, c]) => [...noise.subarray(c * n, (c + 1) * n)])),
      n,
      cells.map(([digit]) => digit),
    );
    await h.send({ type: 'generative', request: { kind: 'generate', id: 2, noise: asked } });
    const made = (await next('generated', (e) => e.id === 2)).images;
    cells.forEach(([digit, column], i) => {
      const cell = grid.subarray(
        (digit * CONDITION_CLASSES + column) * 784,
        (digit * CONDITION_CLASSES + column + 1) * 784,
      );
      expect(
        maxDiff(made.subarray(i * 784, (i + 1) * 784), cell),
        `digit ${digit}, column ${column}`,
      ).toBeLessThan(1e-6);
    });
    // The digit changes the image (same noise, digits 0 and 3), so the rows are not one picture repeated.
    expect(maxDiff(made.subarray(0, 784), made.subarray(784, 2 * 784))).toBeGreaterThan(1e-3);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  }, 120_000);
});
