// Training starts on the images already streamed in and the GPU-resident dataset fills in range by range.
import { describe, expect, it } from 'vitest';
import { readBuffer } from '../gpu/buffers';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { GpuBackend } from './gpu-backend';
import { createHarness, slowDiskFetch } from './testing/harness';

describe('training while the dataset streams in (WebGPU)', () => {
  it('trains on the first images, grows to the full set, and the GPU copy equals the files', async () => {
    const h = createHarness({ fetch: slowDiskFetch, reportEvery: 2 });
    await h.send({ type: 'init' });
    await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 32 } });
    await h.send({ type: 'setSpec', spec: presetSpec('mlp') });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetProgress', () => h.core.current.data.train.available >= 1000);
    await h.send({ type: 'start' });
    const early = await h.waitFor('metrics', (m) => m.step >= 4);
    expect(h.of('datasetReady')).toHaveLength(0);
    expect(h.core.current.schedule!.order.length).toBeLessThan(60_000);
    expect(Number.isFinite(early.trainLoss)).toBe(true);
    await h.waitFor('datasetReady', () => true, { timeoutMs: 90_000 });
    await h.send({ type: 'pause' });
    // The first epoch grew with the stream instead of starting over on the images in so far: its order
    // holds each image in at most once.
    const schedule = h.core.current.schedule!;
    expect(schedule.epoch).toBe(0);
    expect(schedule.order.length).toBeGreaterThan(0);
    expect(new Set(schedule.order).size).toBe(schedule.order.length);
    expect(schedule.order.every((i) => i < schedule.order.length)).toBe(true);

    const backend = h.core.current.backend as GpuBackend;
    const sources = backend.dataset.sources!;
    const { train, test } = h.core.current.data;
    const device = backend.device;
    // Compare as words: a mismatch anywhere in the 47 MB shows its index.
    const words = (b: Uint8Array) => new Uint32Array(b.buffer, b.byteOffset, b.length >> 2);
    const pairs: [GPUBuffer, Uint8Array][] = [
      [sources.trainImages, train.images],
      [sources.trainLabels, train.labels],
      [sources.testImages, test.images],
      [sources.testLabels, test.labels],
    ];
    for (const [buffer, host] of pairs) {
      const gpu = new Uint8Array(await readBuffer(device, buffer, host.length));
      const [a, b] = [words(gpu), words(host)];
      let firstBad = -1;
      for (let i = 0; i < a.length && firstBad < 0; i++) if (a[i] !== b[i]) firstBad = i;
      expect([buffer.label, firstBad]).toEqual([buffer.label, -1]);
    }
    expect(h.of('error')).toEqual([]);
    await h.send({ type: 'dispose' });
  });
});
