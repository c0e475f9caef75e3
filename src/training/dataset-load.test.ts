// Loading datasets through TrainerCore (CPU backend, files from public/data): a newer load replaces an
// unfinished one, and a missing file is reported with a retry.
import { describe, expect, it, vi } from 'vitest';
import { loadNodeModule } from '../engine/wasm/testing/node';
import { HYPER_LIMITS } from '../network/hyper';
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

  it(
    'reads past a first slice of training images only once the backend has opened',
    { timeout: 60_000 },
    async () => {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      const h = createHarness({
        fetch: slowDiskFetch,
        gpu: null,
        cpuEnv: { wasmSimd: true, sharedMemory: true, cores: 1 },
        // The WebAssembly kernels compile only when the test says: the backend's opening takes that long.
        wasm: { loadModule: (shared) => opened.then(() => loadNodeModule(shared)) },
      });
      const init = h.send({ type: 'init', backend: 'wasm' });
      await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
      const data = () => h.core.current.data;
      await vi.waitFor(
        () => expect(data().train.available).toBeGreaterThanOrEqual(HYPER_LIMITS.maxBatchSize),
        { timeout: 20_000 },
      );
      await new Promise((r) => setTimeout(r, 300));
      // Held: the first slice (and what the decompressor took in past it, a chunk or two), no test images.
      expect(data().train.available).toBeLessThan(5000);
      expect(data().test.available).toBe(0);
      open();
      await init;
      expect(h.of('ready')).toHaveLength(1);
      await h.waitFor('datasetReady');
      expect([data().train.available, data().test.available]).toEqual([60_000, 10_000]);
      expect([data().train.labels[0], data().test.labels[0]]).toEqual([5, 7]);
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
