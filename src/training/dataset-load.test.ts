// Loading datasets through TrainerCore (CPU backend, files from public/data): a newer load replaces an
// unfinished one, and a missing file is reported with a retry.
import { describe, expect, it } from 'vitest';
import { createHarness, slowDiskFetch } from './testing/harness';

describe('dataset loading in the trainer', () => {
  it(
    'replaces an unfinished load with a newer one, reporting only the newer',
    { timeout: 60_000 },
    async () => {
      const h = createHarness({ fetch: slowDiskFetch });
      await h.send({ type: 'init', forceCpu: true });
      await h.send({ type: 'loadDataset', id: 'fashion-mnist', baseUrl: 'data' });
      await h.waitFor('datasetProgress');
      await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
      const ready = await h.waitFor('datasetReady', () => true, { timeoutMs: 50_000 });
      expect(ready.classNames[0]).toBe('0');
      // Give the replaced load time to have finished, had it not been stopped.
      await new Promise((r) => setTimeout(r, 500));
      expect(h.of('datasetReady')).toHaveLength(1);
      expect(h.of('datasetError')).toEqual([]);
      // MNIST's first training label is 5 and its first test label is 7.
      expect([h.core.current.data.train.labels[0], h.core.current.data.test.labels[0]]).toEqual([5, 7]);
      await h.send({ type: 'dispose' });
    },
  );

  it('reports a missing file as retryable, naming it', async () => {
    const h = createHarness();
    await h.send({ type: 'init', forceCpu: true });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data/nowhere' });
    const error = await h.waitFor('datasetError');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/mnist\/.*-ubyte\.gz is missing/);
    await h.send({ type: 'dispose' });
  });
});
