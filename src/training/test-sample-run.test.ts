// Training reports the fixed test sample as it goes, long before the first epoch's full evaluation, with
// the step whose weights it tested: a second trainer stepped to that step finds the same loss and
// accuracy on the sample's records.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { summariseLogits } from './reports';
import { sampleIndices } from './test-sample';
import { createHarness, type Harness } from './testing/harness';

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.send({ type: 'dispose' });
  harnesses = [];
});

async function trainer(options: Parameters<typeof createHarness>[0] = {}): Promise<Harness> {
  const h = createHarness(options);
  harnesses.push(h);
  await h.send({ type: 'init', forceCpu: true });
  await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 32, seed: 3 } });
  await h.send({ type: 'setSpec', spec: presetSpec('tiny-cnn') });
  await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
  await h.waitFor('datasetReady');
  return h;
}

describe('the test sample while training', () => {
  it('is evaluated between steps and reported with the step it tested', { timeout: 120_000 }, async () => {
    // Due at every step (no gap, any cost), 100 images: the clock's timing is tested in test-sample.test.ts.
    const h = await trainer({ testSampleSize: 100, testSampleEveryMs: 0, testSampleBudget: 1 });
    await h.send({ type: 'start' });
    await h.waitFor('testSample', (e) => e.step >= 3);
    await h.send({ type: 'pause' });
    const samples = h.of('testSample');
    expect(samples.length).toBeGreaterThanOrEqual(2);
    for (const s of samples) {
      expect(s.images).toBe(100);
      expect(s.epoch).toBe(0);
      expect(Number.isFinite(s.testLoss)).toBe(true);
    }
    const steps = samples.map((s) => s.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(h.of('evaluation')).toEqual([]);

    // The same seed stepped to the last sample's step, then the same records evaluated.
    const last = samples.at(-1)!;
    const again = await trainer();
    for (let i = 0; i < last.step; i++) await again.send({ type: 'step' });
    const indices = sampleIndices(10_000, 100);
    const labels = Uint8Array.from(indices, (i) => again.core.current.data.test.labels[i]);
    const expected = summariseLogits(await again.core.current.backend!.evaluateSample(indices), labels, 100);
    expect(last.testLoss).toBeCloseTo(expected.loss, 10);
    expect(last.testAccuracy).toBe(expected.accuracy);
    expect([...h.of('error'), ...again.of('error')]).toEqual([]);
  });
});
