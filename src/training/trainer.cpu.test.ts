// The integration test of trainer.gpu.test.ts on the CPU fallback backend: the same TrainerCore and the
// same model description, run on the CPU reference ops, trains tiny-cnn on real MNIST past 90%.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { createHarness } from './testing/harness';

/** Enough for tiny-cnn to pass 90% with a margin, and short enough for SwiftShader. */
const STEPS = 200;
const hyper = { ...DEFAULT_HYPER, optimizer: 'adam' as const, lr: 0.003, batchSize: 64, epochs: 1, seed: 7 };

describe('TrainerCore on the CPU backend with real MNIST', () => {
  it('trains tiny-cnn to at least 90% test accuracy', { timeout: 180_000 }, async () => {
    const h = createHarness({ reportEvery: 25 });
    await h.send({ type: 'init', forceCpu: true });
    expect((await h.waitFor('ready')).backend).toBe('cpu');
    await h.send({ type: 'setHyper', hyper });
    await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');
    // Exactly STEPS steps (one request each), so the run and its accuracy are the same every time.
    const t0 = performance.now();
    for (let i = 0; i < STEPS; i++) await h.send({ type: 'step' });
    const trainMs = performance.now() - t0;
    expect(h.of('metrics').at(-1)!.step).toBe(STEPS);
    const from = h.events.length;
    await h.send({ type: 'evaluate' });
    const evaluation = await h.waitFor('evaluation', () => true, { from });
    const gallery = await h.waitFor('gallery', () => true, { from });
    process.stdout.write(
      `tiny-cnn CPU: ${evaluation.step} steps in ${(trainMs / 1000).toFixed(1)} s ` +
        `(${((STEPS * hyper.batchSize * 1000) / trainMs).toFixed(0)} img/s), ` +
        `test accuracy ${(evaluation.testAccuracy * 100).toFixed(2)}%, test loss ${evaluation.testLoss.toFixed(4)}\n`,
    );
    expect(evaluation.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(evaluation.confusion.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(gallery.items).toHaveLength(48);
    const right = gallery.items.filter((i) => i.predicted === i.label).length;
    expect(right / 48).toBeGreaterThan(0.75);
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
