// Issue 10, long runs (the suite's short version; the benchmark soaks 5,000 steps): 300 training steps
// on WebGPU with reports, weight snapshots, predictions and inspections along the way leave the number of
// live GPU buffers, the backend's GPU bytes and the JS heap (less the bounded replay history) where they
// were after warming up.
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { L, net } from '../network/testing/build';
import { REPLAY_BOUNDS } from './inspect/replay';
import { createHarness } from './testing/harness';

/** navigator.gpu whose devices count their live buffers: every createBuffer and every first destroy. */
function countingGpu(): { gpu: GPU; live: Set<GPUBuffer> } {
  const live = new Set<GPUBuffer>();
  const real = navigator.gpu;
  const instrument = (device: GPUDevice) => {
    const create = device.createBuffer.bind(device);
    device.createBuffer = (descriptor: GPUBufferDescriptor) => {
      const buffer = create(descriptor);
      live.add(buffer);
      const destroy = buffer.destroy.bind(buffer);
      buffer.destroy = () => {
        live.delete(buffer);
        destroy();
      };
      return buffer;
    };
    return device;
  };
  const gpu = {
    requestAdapter: async (options?: GPURequestAdapterOptions) => {
      const adapter = await real.requestAdapter(options);
      if (!adapter) return null;
      const request = adapter.requestDevice.bind(adapter);
      adapter.requestDevice = async (d?: GPUDeviceDescriptor) => instrument(await request(d));
      return adapter;
    },
    getPreferredCanvasFormat: () => real.getPreferredCanvasFormat(),
    wgslLanguageFeatures: real.wgslLanguageFeatures,
  } as GPU;
  return { gpu, live };
}

/** A full collection without --expose-gc: V8 lets a running process turn the flag on. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

const heapAfterGc = () => {
  collectGarbage();
  // ArrayBuffers too: every readback allocates one, and a kept reference would leak there.
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe('long runs on WebGPU', () => {
  it('300 steps leave live GPU buffers, GPU bytes and the JS heap where they were', async () => {
    const { gpu, live } = countingGpu();
    const h = createHarness({ gpu, reportEvery: 10, snapshotEveryMs: 0 });
    await h.send({ type: 'init' });
    expect((await h.waitFor('ready')).backend).toBe('webgpu');
    await h.send({ type: 'setHyper', hyper: { ...DEFAULT_HYPER, batchSize: 16, seed: 3 } });
    const spec = net([
      L('Conv2d', { out_channels: 4, padding: 1 }),
      L('ReLU'),
      L('MaxPool2d'),
      L('Conv2d', { out_channels: 8, kernel_size: 3 }),
      L('BatchNorm2d'),
      L('ReLU'),
      L('Dropout', { p: 0.25 }),
      L('Flatten'),
      L('Linear', { out_features: 10 }),
    ]);
    await h.send({ type: 'setSpec', spec });
    await h.send({ type: 'loadDataset', id: 'mnist', baseUrl: 'data' });
    await h.waitFor('datasetReady');

    let id = 1;
    let lastStep = 0;
    // Steps in chunks, with the page's other requests in between, as a session in class would make them.
    const trainTo = async (step: number) => {
      await h.send({ type: 'start' });
      await h.waitFor('metrics', (m) => m.step >= step, { timeoutMs: 120_000 });
      await h.send({ type: 'pause' });
      const image = new Float32Array(784).fill(0.5);
      await h.send({ type: 'predict', id: id++, image });
      await h.send({ type: 'snapshot', id: id++, what: 'weights' });
      await h.send({ type: 'snapshot', id: id++, what: 'activations' });
      await h.waitFor('snapshot', (s) => s.id === id - 1);
      expect(h.of('requestFailed')).toEqual([]);
      expect(h.of('error')).toEqual([]);
      lastStep = h.of('metrics').at(-1)!.step;
      // The harness's own record of events (with their snapshot arrays) must not count as the trainer's.
      h.events.length = 0;
    };
    // The replay history keeps weight copies by design (log-spaced, bounded): not counted as growth.
    const history = h.core.inspector.history;
    const measure = async () => ({
      buffers: live.size,
      bytes: h.core.backend!.bytes(),
      heap: heapAfterGc() - history.bytes,
    });

    await trainTo(30);
    // Warm means every kind of work has run once: the periodic test-sample evaluation puts its sample
    // into the test order (a larger buffer) the first time, which is growth by design.
    await h.send({ type: 'start' });
    await h.waitFor('testSample', () => true, { timeoutMs: 120_000 });
    await h.send({ type: 'pause' });
    const warm = await measure();
    for (let step = 60; step <= 300; step += 30) await trainTo(step);
    const end = await measure();

    expect(lastStep).toBeGreaterThanOrEqual(300);
    expect(end.buffers).toBe(warm.buffers);
    expect(end.bytes).toBe(warm.bytes);
    // Measured growth is tens of KB (V8's code caches); one leaked readback per report would be far more.
    expect(end.heap - warm.heap).toBeLessThan(512 * 1024);
    expect(history.length).toBeLessThanOrEqual(REPLAY_BOUNDS.maxCount);
    expect(history.bytes).toBeLessThanOrEqual(REPLAY_BOUNDS.maxBytes);
    await h.send({ type: 'dispose' });
    expect(live.size).toBe(0);
  });
});
